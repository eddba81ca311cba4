package dev.c8s.controller.job;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A helper's output in its termination message: framed by its script, read back by the archive. */
class HelperOutputTest {
  @TempDir Path dir;

  @Test
  void aFramedMessageGivesTheOutputByteForByte() {
    assertThat(HelperOutput.of("c8s-output 21\nchecked out abc123\nü"))
        .contains("checked out abc123\nü");
    assertThat(HelperOutput.of("c8s-output 0\n")).contains("");
  }

  @Test
  void aMessageCutShortOrNotFramedIsNotOutput() {
    assertThat(HelperOutput.of("c8s-output 200\nchecked out")).isEmpty();
    assertThat(HelperOutput.of("fatal: Authentication failed")).isEmpty();
    assertThat(HelperOutput.of("c8s-output x\n")).isEmpty();
    assertThat(HelperOutput.of("c8s-output 3")).isEmpty();
    assertThat(HelperOutput.of((String) null)).isEmpty();
    assertThat(HelperOutput.text("fatal: Authentication failed"))
        .isEqualTo("fatal: Authentication failed");
    assertThat(HelperOutput.text("c8s-output 3\nabc")).isEqualTo("abc");
  }

  @Test
  void onlyAContainerThatEndedHasReportedOutput() {
    Pod pod =
        new PodBuilder()
            .withNewStatus()
            .addToInitContainerStatuses(
                new ContainerStatusBuilder()
                    .withName("clone")
                    .withNewState()
                    .withNewTerminated()
                    .withExitCode(0)
                    .withMessage("c8s-output 3\nok\n")
                    .endTerminated()
                    .endState()
                    .build())
            .addToContainerStatuses(
                new ContainerStatusBuilder()
                    .withName("upload")
                    .withNewState()
                    .withNewRunning()
                    .endRunning()
                    .endState()
                    .build())
            .endStatus()
            .build();
    assertThat(HelperOutput.of(pod, "clone")).contains("ok\n");
    assertThat(HelperOutput.of(pod, "upload")).isEmpty();
    assertThat(HelperOutput.of(pod, "download")).isEmpty();
  }

  @Test
  void theHelperScriptKeepsItsExitCodeAndFramesWhatItPrinted() throws Exception {
    Run ok = run("set -eu\necho \"checked out abc\"\necho warning >&2\n");
    assertThat(ok.exitCode).isZero();
    assertThat(ok.log).isEqualTo("checked out abc\nwarning\n");
    assertThat(HelperOutput.of(ok.message)).contains("checked out abc\nwarning\n");

    Run failed = run("set -eu\necho 'fatal: Authentication failed'\nfalse\necho unreachable\n");
    assertThat(failed.exitCode).isEqualTo(1);
    assertThat(HelperOutput.of(failed.message)).contains("fatal: Authentication failed\n");
  }

  @Test
  void outputBeyondTheLimitStaysInTheLogOnly() throws Exception {
    Run verbose = run("i=0\nwhile [ $i -lt 300 ]; do echo \"line $i\"; i=$((i+1)); done\n");
    assertThat(verbose.exitCode).isZero();
    assertThat(verbose.log.length()).isGreaterThan(HelperOutput.LIMIT);
    assertThat(verbose.message).isEmpty();
  }

  private record Run(int exitCode, String log, String message) {}

  /** Runs {@code script} as a helper would, in {@code sh}, with its paths moved into the test's. */
  private Run run(String script) throws IOException, InterruptedException {
    Path tools = Files.createDirectories(dir.resolve("c8s"));
    Path message = Files.writeString(dir.resolve("termination-log"), "");
    String wrapped =
        StepScripts.reportingOutput("clone", script)
            .replace(StepScripts.TOOLS + "/", tools + "/")
            .replace("/dev/termination-log", message.toString());
    Process sh = new ProcessBuilder("sh", "-c", wrapped).redirectErrorStream(true).start();
    String log = new String(sh.getInputStream().readAllBytes(), UTF_8);
    assertThat(sh.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Run(sh.exitValue(), log, Files.readString(message));
  }
}
