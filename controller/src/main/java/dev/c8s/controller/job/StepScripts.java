package dev.c8s.controller.job;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The shell scripts of a step pod. Step images need only {@code sh}; cloning and artifact transfer
 * run in helper images.
 */
final class StepScripts {
  /** Shared directory of the helper containers and the step (markers, archive, HOME). */
  static final String TOOLS = "/c8s";

  /** The checked-out repository; the step's working directory. */
  static final String WORKSPACE = "/workspace";

  private static final String OPEN_WORKSPACE =
      "find " + WORKSPACE + " -mindepth 1 -exec chmod a+rwX {} +";

  private static final String STEP_DONE = TOOLS + "/step-exit-code";
  private static final String UPLOAD_DONE = TOOLS + "/upload-done";

  private StepScripts() {}

  /** Clones the repository at the commit; credentials come from env, never from the URL. */
  static String gitClone() {
    return String.join(
        "\n",
        "set -eu",
        "export HOME=" + TOOLS + "/home",
        "mkdir -p \"$HOME\"",
        // The workspace volume belongs to root, the clone runs as 1001: since 2.35.2 git refuses
        // such a directory ("dubious ownership") unless it is marked safe.
        "git config --global --add safe.directory " + WORKSPACE,
        "cd " + WORKSPACE,
        "if [ -n \"${GIT_PASSWORD:-}\" ]; then",
        "  git config --global credential.helper"
            + " '!f() { echo \"username=${GIT_USERNAME:-git}\"; echo \"password=${GIT_PASSWORD}\"; }; f'",
        "fi",
        "if [ -n \"${GIT_SSH_KEY:-}\" ]; then",
        // ssh exits at once ("No user exists for uid") when the image has no passwd entry for
        // the clone's UID; say which image setting to change instead.
        "  if ! id -un >/dev/null 2>&1; then",
        "    echo \"c8s: ssh cannot run as UID $(id -u): the clone image has no user with that"
            + " UID in /etc/passwd. Use c8s's helper image (controller.gitImage) or an image"
            + " with a user $(id -u), or clone over https with username and password.\" >&2",
        "    exit 1",
        "  fi",
        // The key must not outlive the clone: the step containers mount the same volume, and a
        // step may run as root or as the clone's user.
        "  trap 'rm -f \"$HOME/id\"' EXIT",
        "  printf '%s\\n' \"$GIT_SSH_KEY\" > \"$HOME/id\" && chmod 600 \"$HOME/id\"",
        // known_hosts pins the server's key; without it the first key seen is trusted.
        "  if [ -n \"${GIT_KNOWN_HOSTS:-}\" ]; then",
        "    printf '%s\\n' \"$GIT_KNOWN_HOSTS\" > \"$HOME/known_hosts\"",
        "    hosts=\"-o StrictHostKeyChecking=yes -o UserKnownHostsFile=$HOME/known_hosts\"",
        "  else",
        "    hosts=\"-o StrictHostKeyChecking=accept-new -o UserKnownHostsFile=$HOME/known_hosts\"",
        "  fi",
        "  export GIT_SSH_COMMAND=\"ssh -i $HOME/id -o IdentitiesOnly=yes $hosts\"",
        "fi",
        "git init -q .",
        "git remote add origin \"$C8S_REPOSITORY\"",
        // A full SHA can be fetched directly; an abbreviated one needs the history, and a pull
        // request's head may only be reachable from its ref (refs/pull/<n>/head).
        "git fetch -q --depth 1 origin \"$C8S_COMMIT\" 2>/dev/null \\",
        "  || { [ -n \"${C8S_FETCH_REF:-}\" ] && git fetch -q origin \"$C8S_FETCH_REF\"; } \\",
        "  || git fetch -q origin",
        "git checkout -q --detach \"$C8S_COMMIT\"",
        // The step image may run as any user: let it write the workspace. The volume's root is
        // root's (already world-writable); only what the clone wrote is ours to change.
        OPEN_WORKSPACE,
        "echo \"checked out $C8S_COMMIT\"");
  }

  /** Unpacks each upstream step's artifact archive into the workspace. */
  static String download(Map<String, String> urls) {
    StringBuilder script = new StringBuilder("set -eu\n");
    // An upstream step that matched no files stored no archive: say so and go on.
    urls.forEach(
        (step, url) ->
            script
                .append("if curl -fsSL -o " + TOOLS + "/upstream.tar.gz ")
                .append(quote(url))
                .append("; then tar -xzf " + TOOLS + "/upstream.tar.gz -C " + WORKSPACE)
                .append(" && echo ")
                .append(quote("unpacked artifacts of step " + step))
                .append("; else echo ")
                .append(quote("step " + step + " left no artifacts"))
                .append("; fi\n"));
    script.append(OPEN_WORKSPACE).append('\n');
    return script.toString();
  }

  /**
   * Runs the user's commands with {@code sh -e}; when artifacts are uploaded, signals the upload
   * container and waits for it, then exits with the commands' status.
   */
  static String step(List<String> commands, boolean uploads) {
    String body = String.join("\n", commands);
    if (!uploads) {
      return "set -e\n" + body + "\n";
    }
    return "(\nset -e\n"
        + body
        + "\n)\n"
        + "rc=$?\n"
        + "echo \"$rc\" > "
        + STEP_DONE
        + "\n"
        + "while [ ! -e "
        + UPLOAD_DONE
        + " ]; do sleep 1; done\n"
        + "exit \"$rc\"\n";
  }

  /**
   * Waits for the step, archives the files matching the patterns and PUTs the archive. {@code **}
   * spans directories; a directory pattern takes everything below it.
   */
  static String upload(List<String> patterns, String url) {
    String finds =
        patterns.stream()
            // find's -path lets * span "/", so ** and **/ both become a single *.
            .map(p -> p.replace("**/", "*").replaceAll("\\*+", "*").replaceAll("/+$", ""))
            .map(
                p ->
                    "find . -type f \\( -path "
                        + quote("./" + p)
                        + " -o -path "
                        + quote("./" + p + "/*")
                        + " \\) >> "
                        + TOOLS
                        + "/artifacts.list")
            .collect(Collectors.joining("\n"));
    return String.join(
        "\n",
        "set -eu",
        "trap 'touch " + UPLOAD_DONE + "' EXIT",
        "while [ ! -e " + STEP_DONE + " ]; do sleep 1; done",
        "cd " + WORKSPACE,
        ": > " + TOOLS + "/artifacts.list",
        finds,
        "sort -u -o " + TOOLS + "/artifacts.list " + TOOLS + "/artifacts.list",
        "echo \"uploading $(wc -l < " + TOOLS + "/artifacts.list) artifact file(s)\"",
        "tar -czf " + TOOLS + "/artifacts.tar.gz -T " + TOOLS + "/artifacts.list",
        "curl -fsS -X PUT -H 'Content-Type: application/gzip' --upload-file "
            + TOOLS
            + "/artifacts.tar.gz "
            + quote(url),
        "");
  }

  /**
   * Runs a helper's {@code script} with its output in the container log as before and, when it is
   * short, also in the termination message, framed as {@link HelperOutput} reads it: the archive
   * then needs no log request for the helper. The exit status is the script's.
   */
  static String reportingOutput(String helper, String script) {
    String output = TOOLS + "/" + helper + ".out";
    String status = TOOLS + "/" + helper + ".status";
    return String.join(
        "\n",
        "{ (",
        script.strip(),
        "); echo $? > " + status + "; } 2>&1 | tee " + output,
        "n=$(($(wc -c < " + output + ")))",
        "if [ \"$n\" -le " + HelperOutput.LIMIT + " ]; then",
        // Unwritable (another terminationMessagePath), the log still has it all: say nothing.
        "  { printf '" + HelperOutput.PREFIX + "%s\\n' \"$n\"; cat " + output + "; } \\",
        "    2>/dev/null > /dev/termination-log || true",
        "fi",
        "exit \"$(cat " + status + ")\"",
        "");
  }

  /** Single-quotes {@code text} for sh. */
  static String quote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }
}
