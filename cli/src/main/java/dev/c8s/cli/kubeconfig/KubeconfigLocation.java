package dev.c8s.cli.kubeconfig;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Which kubeconfig file to read, found as kubectl finds it: {@code --kubeconfig}, else the first
 * file of {@code KUBECONFIG}, else {@code ~/.kube/config}.
 *
 * @param file the file
 * @param explicit whether the user named it (flag or KUBECONFIG): then it must be readable even
 *     when only the namespace is taken from it
 */
public record KubeconfigLocation(Path file, boolean explicit) {

  /** The location for these inputs; {@code flag} may be null. */
  public static KubeconfigLocation resolve(String flag, Map<String, String> env, Path home) {
    if (flag != null && !flag.isBlank()) {
      return new KubeconfigLocation(Path.of(flag), true);
    }
    String list = env.get("KUBECONFIG");
    if (list != null && !list.isBlank()) {
      // kubectl merges every file of the list; c8s takes the first, which is where kubectl
      // writes and where a current-context normally lives.
      return Arrays.stream(list.split(File.pathSeparator))
          .filter(s -> !s.isBlank())
          .findFirst()
          .map(s -> new KubeconfigLocation(Path.of(s), true))
          .orElseGet(() -> new KubeconfigLocation(home.resolve(".kube").resolve("config"), false));
    }
    return new KubeconfigLocation(home.resolve(".kube").resolve("config"), false);
  }
}
