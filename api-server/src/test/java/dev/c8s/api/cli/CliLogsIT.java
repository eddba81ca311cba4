package dev.c8s.api.cli;

import static dev.c8s.api.testing.Fixtures.secretRef;
import static dev.c8s.api.testing.Fixtures.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.api.testing.ApiServerResources;
import dev.c8s.api.testing.CliRunner;
import dev.c8s.api.testing.CliRunner.Result;
import dev.c8s.api.testing.Fixtures;
import dev.c8s.api.testing.Identities;
import dev.c8s.api.testing.Runs;
import dev.c8s.api.testing.TestEnvironment;
import dev.c8s.model.storage.ObjectKeys;
import dev.c8s.model.v1alpha1.PipelineConfigSpec;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PipelineRunStatus;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.model.v1alpha1.Step;
import dev.c8s.model.v1alpha1.StepPhase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code c8s logs} of archived step logs: masked, in the order the steps ran, prefixed. */
@QuarkusTest
@WithTestResource(ApiServerResources.class)
class CliLogsIT {
  private static final String SECRET = "hunter2-database-password";

  @TestHTTPResource("/")
  URL base;

  private String ns;
  private Map<String, String> env;

  @BeforeEach
  void finishedRunWithArchivedLogs() {
    ns = Fixtures.namespace("cli-logs");
    env = Map.of("C8S_SERVER", base.toString(), "C8S_TOKEN", Identities.admin());
    Fixtures.secret(ns, "db", "password", SECRET);
    // package is declared first but depends on compile: compile's log comes first
    Step packaging = step("package");
    packaging.setDependsOn(List.of("compile"));
    Step compile = step("compile", secretRef("db", "password"));
    Step deploy = step("deploy");
    deploy.setDependsOn(List.of("package"));
    PipelineConfigSpec snapshot = Fixtures.spec(packaging, compile, deploy);
    PipelineRun run =
        Runs.started(
            ns,
            "r1",
            snapshot,
            Runs.step("package", StepPhase.Succeeded, "r1-package", archive("package")),
            Runs.step("compile", StepPhase.Succeeded, "r1-compile", archive("compile")),
            Runs.step("deploy", StepPhase.Skipped, null, null));
    PipelineRunStatus status = run.getStatus();
    status.setPhase(RunPhase.Succeeded);
    Fixtures.status(run, status);
    put("compile", "compiling\nconnecting with " + SECRET + "\n");
    put("package", "packaging\ndone\n");
  }

  private String archive(String step) {
    return "s3://" + TestEnvironment.LOGS_BUCKET + "/" + ObjectKeys.log(ns, "r1", step);
  }

  private void put(String step, String log) {
    TestEnvironment.put(
        TestEnvironment.LOGS_BUCKET,
        ObjectKeys.log(ns, "r1", step),
        log.getBytes(StandardCharsets.UTF_8));
  }

  private Result c8s(String... args) {
    return CliRunner.run(env, List.of(SECRET, env.get("C8S_TOKEN")), args);
  }

  @Test
  void oneStepsArchivedLogIsPrintedAsItIsWithSecretsMasked() {
    Result result = c8s("logs", "r1", "compile", "-n", ns);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).isEqualTo("compiling\nconnecting with ***\n");
  }

  @Test
  void withoutStepEveryStepsLogIsPrintedInDependencyOrderPrefixedWithItsName() {
    for (String follow : new String[] {"--follow=false", "--follow"}) {
      Result result = c8s("logs", "r1", "-n", ns, follow);

      assertThat(result.exitCode()).as(result.toString()).isZero();
      assertThat(result.out())
          .isEqualTo(
              "[compile] compiling\n"
                  + "[compile] connecting with ***\n"
                  + "[package] packaging\n"
                  + "[package] done\n");
      assertThat(result.err()).isEqualTo("[deploy] skipped\n");
    }
  }

  @Test
  void aStepWithoutLogIsAnErrorWithTheApisReason() {
    Result result = c8s("logs", "r1", "deploy", "-n", ns);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).startsWith("error: ").contains("(HTTP 404)");
  }
}
