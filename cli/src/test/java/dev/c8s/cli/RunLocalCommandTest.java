package dev.c8s.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code c8s run-local} in the host shell: real processes, a shared workspace, masked secrets. */
class RunLocalCommandTest {
  private static final String SECRET = "s3cr3t-deploy-key";

  @TempDir Path workdir;
  @TempDir Path manifests;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final Map<String, String> env = new HashMap<>(Map.of("PATH", System.getenv("PATH")));

  private int runLocal(String yaml, String... args) throws IOException {
    Path file = Files.writeString(manifests.resolve("pipeline.yaml"), yaml);
    CommandLine cli = C8sCli.commandLine(env);
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    String[] all = new String[args.length + 5];
    all[0] = "run-local";
    all[1] = file.toString();
    all[2] = "--engine=none";
    all[3] = "--workdir=" + workdir;
    all[4] = "--commit=4f2a9c1e7b";
    System.arraycopy(args, 0, all, 5, args.length);
    return cli.execute(all);
  }

  private static final String PIPELINE =
      """
      apiVersion: c8s.dev/v1alpha1
      kind: PipelineConfig
      metadata: {name: app}
      spec:
        repository: https://github.com/org/app.git
        timeout: 3h
        steps:
          - name: build
            image: golang:1.22
            commands: ["mkdir -p dist", "echo binary of $COMMIT_SHA > dist/app"]
          - name: test
            image: golang:1.22
            dependsOn: [build]
            commands: ["cat dist/app", "echo using $DEPLOY_KEY", "exit $TEST_EXIT"]
            secrets: [{secretRef: deploy, key: key, envVar: DEPLOY_KEY}]
          - name: publish
            image: golang:1.22
            dependsOn: [test]
            commands: ["echo published"]
      """;

  @Test
  void stepsRunInTheHostShellInOrderSharingTheWorkspaceWithSecretsMasked() throws IOException {
    env.put("TEST_EXIT", "0");

    int code = runLocal(PIPELINE, "--secret", "DEPLOY_KEY=" + SECRET);

    assertThat(code).as(out + "\n" + err).isZero();
    assertThat(err.toString())
        .contains("notice: no container engine (docker or podman)")
        .contains("WITHOUT their images");
    assertThat(out.toString())
        .contains("==> build (host shell; image golang:1.22 not used)")
        .contains("[test] binary of 4f2a9c1e7b") // build's file, read by test: one workspace
        .contains("[test] using ***")
        .contains("<== publish succeeded")
        .contains("run-local: Succeeded")
        .doesNotContain(SECRET);
    assertThat(workdir.resolve("dist/app")).hasContent("binary of 4f2a9c1e7b");
  }

  @Test
  void theFirstFailingStepsExitCodeEndsTheRunAndItsDependantsAreSkipped() throws IOException {
    env.put("TEST_EXIT", "7");
    env.put("DEPLOY_KEY", SECRET); // from the environment this time

    int code = runLocal(PIPELINE);

    assertThat(code).isEqualTo(7);
    assertThat(out.toString())
        .contains("<== test failed with exit code 7")
        .contains("--- publish skipped: not run: step \"test\" failed")
        .contains("run-local: Failed - Step \"test\" failed")
        .doesNotContain(SECRET);
  }

  @Test
  void aSecretWithoutValueIsRefusedBeforeAnythingRuns() throws IOException {
    int code = runLocal(PIPELINE);

    assertThat(code).isEqualTo(ExitCodes.UNUSABLE);
    assertThat(err.toString())
        .contains("error: no value for the secret variable DEPLOY_KEY (step test, Secret deploy")
        .doesNotContain("Exception");
    assertThat(out.toString()).doesNotContain("==>");
  }

  @Test
  void anInvalidPipelineIsRefusedWithValidatesMessages() throws IOException {
    int code =
        runLocal(
            """
            apiVersion: c8s.dev/v1alpha1
            kind: PipelineConfig
            metadata: {name: app}
            spec:
              repository: https://github.com/org/app.git
              steps:
                - {name: test, image: alpine, commands: ["true"], dependOn: [build]}
            """);

    assertThat(code).isEqualTo(ExitCodes.FAILED);
    assertThat(out.toString()).contains("PipelineConfig app: 1 error", "spec.steps[0].dependOn");
    assertThat(err.toString()).contains("error: ").contains("is invalid");
  }

  @Test
  void aStepThatOutlivesItsTimeoutIsStopped() throws IOException {
    int code =
        runLocal(
            """
            apiVersion: c8s.dev/v1alpha1
            kind: PipelineConfig
            metadata: {name: app}
            spec:
              repository: https://github.com/org/app.git
              steps:
                - {name: slow, image: alpine, timeout: 1s, commands: ["echo started", "sleep 30"]}
            """);

    assertThat(code).isEqualTo(124);
    assertThat(out.toString()).contains("[slow] started").contains("<== slow timed out");
  }
}
