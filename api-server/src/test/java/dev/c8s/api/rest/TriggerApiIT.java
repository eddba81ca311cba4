package dev.c8s.api.rest;

import static dev.c8s.api.testing.Api.asAdmin;
import static dev.c8s.api.testing.Api.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.c8s.api.testing.ApiServerResources;
import dev.c8s.api.testing.Fixtures;
import dev.c8s.api.testing.Identities;
import dev.c8s.model.v1alpha1.Matrix;
import dev.c8s.model.v1alpha1.PipelineConfigSpec;
import dev.c8s.model.v1alpha1.PipelineRun;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Triggering runs of a PipelineConfig: one run per matrix combination, validated first. */
@QuarkusTest
@WithTestResource(ApiServerResources.class)
class TriggerApiIT {
  private String ns;

  @BeforeEach
  void config() {
    ns = Fixtures.namespace("trigger");
    PipelineConfigSpec spec = Fixtures.spec(Fixtures.step("test"));
    Matrix matrix =
        Fixtures.matrix(Map.of("go", List.of("1.21", "1.22"), "os", List.of("linux", "mac")));
    matrix.setExclude(List.of(Map.of("go", "1.21", "os", "mac")));
    spec.setMatrix(matrix);
    Fixtures.config(ns, "webapp", spec);
    Fixtures.config(ns, "plain", Fixtures.spec(Fixtures.step("test")));
  }

  @Test
  void triggerWithoutMatrixCreatesOneRunPerAllowedCombination() {
    asAdmin()
        .contentType("application/json")
        .body("{\"commit\":\"4f2a9c1e7b\",\"branch\":\"main\"}")
        .post(path(ns, "pipelineconfigs/webapp/runs"))
        .then()
        .statusCode(201)
        .body("kind", equalTo("PipelineRunList"))
        .body("items", hasSize(3));

    List<PipelineRun> runs =
        Fixtures.kube().resources(PipelineRun.class).inNamespace(ns).list().getItems();
    assertThat(runs).hasSize(3);
    assertThat(runs)
        .extracting(r -> r.getSpec().getMatrixIndex())
        .containsExactlyInAnyOrder(
            Map.of("go", "1.21", "os", "linux"),
            Map.of("go", "1.22", "os", "linux"),
            Map.of("go", "1.22", "os", "mac"));
    assertThat(runs)
        .allSatisfy(
            run -> {
              assertThat(run.getMetadata().getName()).matches("webapp-[a-z0-9]{5}");
              assertThat(run.getMetadata().getLabels())
                  .containsEntry("c8s.dev/pipeline-config", "webapp");
              assertThat(run.getSpec().getTriggeredBy()).isEqualTo(Identities.adminUsername());
              assertThat(run.getSpec().getCommit()).isEqualTo("4f2a9c1e7b");
              assertThat(run.getSpec().getBranch()).isEqualTo("main");
              assertThat(run.getSpec().getTriggeredAt()).isNotNull();
            });
  }

  @Test
  void triggerWithASubsetCreatesOnlyThoseCombinations() {
    asAdmin()
        .contentType("application/json")
        .body("{\"commit\":\"4f2a9c1e7b\",\"matrix\":[{\"os\":\"mac\",\"go\":\"1.22\"}]}")
        .post(path(ns, "pipelineconfigs/webapp/runs"))
        .then()
        .statusCode(201)
        .body("items", hasSize(1))
        .body("items[0].spec.matrixIndex", equalTo(Map.of("go", "1.22", "os", "mac")));
  }

  @Test
  void configWithoutMatrixGetsOneRunWithoutMatrixIndex() {
    asAdmin()
        .contentType("application/json")
        .body("{\"commit\":\"4f2a9c1e7b\"}")
        .post(path(ns, "pipelineconfigs/plain/runs"))
        .then()
        .statusCode(201)
        .body("items", hasSize(1))
        .body("items[0].spec.matrixIndex", equalTo(null))
        .body("items[0].metadata.generateName", equalTo("plain-"));
  }

  @Test
  void combinationTheConfigDoesNotAllowIs422ForThatEntry() {
    asAdmin()
        .contentType("application/json")
        .body(
            "{\"commit\":\"4f2a9c1e7b\",\"matrix\":[{\"go\":\"1.22\",\"os\":\"linux\"},"
                + "{\"go\":\"1.21\",\"os\":\"mac\"},{\"go\":\"1.22\",\"os\":\"linux\"}]}")
        .post(path(ns, "pipelineconfigs/webapp/runs"))
        .then()
        .statusCode(422)
        .body("errors.field", equalTo(List.of("matrix[1]", "matrix[2]")))
        .body("errors[0].message", containsString("has no matrix combination"))
        .body("errors[1].message", containsString("listed twice"));
    assertThat(Fixtures.kube().resources(PipelineRun.class).inNamespace(ns).list().getItems())
        .isEmpty();
  }

  @Test
  void missingCommitIs400AndInvalidCommitOrBranchIs422WithFieldPath() {
    asAdmin()
        .contentType("application/json")
        .body("{\"branch\":\"main\"}")
        .post(path(ns, "pipelineconfigs/webapp/runs"))
        .then()
        .statusCode(400)
        .body("detail", containsString("commit is required"));
    asAdmin()
        .contentType("application/json")
        .body("{\"commit\":\"main\",\"branch\":\"feature..x\"}")
        .post(path(ns, "pipelineconfigs/plain/runs"))
        .then()
        .statusCode(422)
        .body("errors.field", equalTo(List.of("commit", "branch")))
        .body("errors[0].actualValue", equalTo("main"));
    asAdmin()
        .contentType("application/json")
        .body("{\"commit\":\"4f2a9c1e7b\",\"tag\":\"v1\"}")
        .post(path(ns, "pipelineconfigs/plain/runs"))
        .then()
        .statusCode(422)
        .body("errors[0].field", equalTo("tag"));
  }

  @Test
  void triggerOfAMissingConfigIs404AndNonJsonIs415() {
    asAdmin()
        .contentType("application/json")
        .body("{\"commit\":\"4f2a9c1e7b\"}")
        .post(path(ns, "pipelineconfigs/ghost/runs"))
        .then()
        .statusCode(404);
    asAdmin()
        .contentType("text/plain")
        .body("commit=4f2a9c1e7b")
        .post(path(ns, "pipelineconfigs/plain/runs"))
        .then()
        .statusCode(415);
  }
}
