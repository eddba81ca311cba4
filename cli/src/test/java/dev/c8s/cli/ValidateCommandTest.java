package dev.c8s.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code c8s validate}: every problem with its field path, offline, and honest exit codes. */
class ValidateCommandTest {
  private static final Path SAMPLES = Path.of("..", "k8s", "samples");

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int validate(String... args) {
    CommandLine cli = C8sCli.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    String[] all = new String[args.length + 1];
    all[0] = "validate";
    System.arraycopy(args, 0, all, 1, args.length);
    return cli.execute(all);
  }

  private String file(String name, String yaml) throws IOException {
    return Files.writeString(dir.resolve(name), yaml).toString();
  }

  @Test
  void theShippedSamplesAreValid() {
    int code =
        validate(
            SAMPLES.resolve("pipelineconfig.yaml").toString(),
            SAMPLES.resolve("repositoryconnection.yaml").toString(),
            SAMPLES.resolve("pipelinerun.yaml").toString());

    assertThat(code).as(out + "\n" + err).isZero();
    assertThat(out.toString())
        .contains("PipelineConfig", "RepositoryConnection", "PipelineRun", ": valid");
  }

  @Test
  void everyProblemOfAPipelineIsListedWithItsFieldPath() throws IOException {
    String broken =
        file(
            "broken.yaml",
            """
            apiVersion: c8s.dev/v1alpha1
            kind: PipelineConfig
            metadata: {name: app-ci}
            spec:
              repository: https://github.com/org/app.git
              timeout: 5 minutes
              schedule: {cron: "0 25 * * *", branch: main}
              steps:
                - {name: test, image: golang:1.22, commands: [go test ./...], dependsOn: [build]}
                - {name: build, image: golang:1.22, commands: [go build], dependsOn: [test]}
            """);

    int code = validate(broken);

    assertThat(code).isEqualTo(ValidateCommand.INVALID);
    assertThat(out.toString())
        .contains(
            "PipelineConfig app-ci: 3 errors",
            "error    spec.timeout:",
            "error    spec.schedule.cron: hour field \"25\" has 25, outside 0-23",
            "error    spec.steps[0].dependsOn: dependency cycle: test -> build -> test");
  }

  @Test
  void aMisspelledFieldIsAnErrorNotSilentlyDropped() throws IOException {
    String typo =
        file(
            "typo.yaml",
            """
            apiVersion: c8s.dev/v1alpha1
            kind: PipelineConfig
            metadata: {name: app-ci}
            spec:
              repository: https://github.com/org/app.git
              steps:
                - {name: test, image: golang:1.22, commands: [go test], dependOn: []}
            """);

    assertThat(validate(typo)).isEqualTo(ValidateCommand.INVALID);
    assertThat(out.toString())
        .contains(
            "error    spec.steps[0].dependOn: unknown field \"dependOn\"; check its spelling");
  }

  @Test
  void otherKindsInTheSameFileAreSkippedAndSaidSo() throws IOException {
    String mixed =
        file(
            "mixed.yaml",
            """
            apiVersion: v1
            kind: Secret
            metadata: {name: git}
            stringData: {token: t}
            ---
            apiVersion: c8s.dev/v1alpha1
            kind: PipelineRun
            metadata: {generateName: app-ci-}
            spec: {pipelineConfigRef: app-ci, commit: 4f2a9c1}
            """);

    assertThat(validate(mixed)).isZero();
    assertThat(err.toString()).contains("(document 1): Secret (v1) git: skipped");
    assertThat(out.toString()).contains("(document 2): PipelineRun app-ci-: valid");
  }

  @Test
  void jsonOutputCarriesFieldPathsForTools() throws IOException {
    String run =
        file(
            "run.json",
            """
            {"apiVersion":"c8s.dev/v1alpha1","kind":"PipelineRun","metadata":{"name":"r"},
             "spec":{"pipelineConfigRef":"app","commit":"XYZ","resumeFrom":"r"}}
            """);

    assertThat(validate("-o", "json", run)).isEqualTo(ValidateCommand.INVALID);
    JsonNode errors = new ObjectMapper().readTree(out.toString()).get(0).at("/documents/0/errors");
    assertThat(errors.findValuesAsText("field")).contains("spec.commit", "spec.resumeFrom");
  }

  @Test
  void aMissingOrUnreadableFileIsExitCode2WithTheReason() throws IOException {
    String notYaml = file("bad.yaml", "spec: [unclosed\n");

    assertThat(validate(dir.resolve("nope.yaml").toString(), notYaml))
        .isEqualTo(ValidateCommand.UNREADABLE);
    assertThat(err.toString()).contains("nope.yaml: no such file", "bad.yaml: not YAML or JSON");
  }
}
