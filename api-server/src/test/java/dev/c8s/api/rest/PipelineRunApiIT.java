package dev.c8s.api.rest;

import static dev.c8s.api.testing.Api.asAdmin;
import static dev.c8s.api.testing.Api.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import dev.c8s.api.testing.ApiServerResources;
import dev.c8s.api.testing.Fixtures;
import dev.c8s.api.testing.Identities;
import dev.c8s.model.v1alpha1.NewRun;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PipelineRunStatus;
import dev.c8s.model.v1alpha1.PullRequest;
import dev.c8s.model.v1alpha1.RunPhase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Listing with filters and pagination, reading, cancelling and rerunning PipelineRuns. */
@QuarkusTest
@WithTestResource(ApiServerResources.class)
class PipelineRunApiIT {
  private String ns;

  @BeforeEach
  void namespace() {
    ns = Fixtures.namespace("runs");
  }

  @Test
  void pagesThroughMoreRunsThanOnePageWithoutLosingOrRepeatingAny() {
    for (int i = 0; i < 23; i++) {
      Fixtures.run(ns, String.format("r-%02d", i), "webapp", "main", null);
    }
    List<String> names = new ArrayList<>();
    String next = null;
    int pages = 0;
    do {
      var request = asAdmin().queryParam("limit", 10);
      if (next != null) {
        request.queryParam("continue", next);
      }
      JsonPath page =
          request.get(path(ns, "pipelineruns")).then().statusCode(200).extract().jsonPath();
      names.addAll(page.getList("items.metadata.name"));
      next = page.getString("metadata.continue");
      pages++;
    } while (next != null);

    assertThat(pages).isEqualTo(3);
    assertThat(names).hasSize(23).doesNotHaveDuplicates();
  }

  @Test
  void filtersByConfigLabelPhaseAndBranchAndPagesTheFilteredList() {
    for (int i = 0; i < 30; i++) {
      RunPhase phase = i % 3 == 0 ? RunPhase.Succeeded : RunPhase.Running;
      String branch = i % 2 == 0 ? "main" : "feature/x";
      Fixtures.run(ns, String.format("web-%02d", i), "webapp", branch, phase);
    }
    Fixtures.run(ns, "api-00", "api", "main", RunPhase.Succeeded);

    asAdmin()
        .queryParam("pipelineConfig", "api")
        .get(path(ns, "pipelineruns"))
        .then()
        .statusCode(200)
        .body("items.metadata.name", equalTo(List.of("api-00")));

    // Succeeded on main: i divisible by 6 -> 0, 6, 12, 18, 24 (5 runs), read 2 at a time.
    List<String> names = new ArrayList<>();
    String next = null;
    do {
      var request =
          asAdmin()
              .queryParam("pipelineConfig", "webapp")
              .queryParam("phase", "Succeeded")
              .queryParam("branch", "main")
              .queryParam("limit", 2);
      if (next != null) {
        request.queryParam("continue", next);
      }
      JsonPath page =
          request.get(path(ns, "pipelineruns")).then().statusCode(200).extract().jsonPath();
      assertThat(page.getList("items")).hasSizeLessThanOrEqualTo(2);
      names.addAll(page.getList("items.metadata.name"));
      next = page.getString("metadata.continue");
    } while (next != null);
    assertThat(names).containsExactly("web-00", "web-06", "web-12", "web-18", "web-24");
  }

  @Test
  void runWithoutStatusCountsAsPending() {
    Fixtures.run(ns, "fresh", "webapp", "main", null);
    Fixtures.run(ns, "going", "webapp", "main", RunPhase.Running);
    asAdmin()
        .queryParam("phase", "Pending")
        .get(path(ns, "pipelineruns"))
        .then()
        .statusCode(200)
        .body("items.metadata.name", equalTo(List.of("fresh")));
  }

  @Test
  void unknownPhaseOrInvalidConfigNameIs400() {
    asAdmin()
        .queryParam("phase", "Done")
        .get(path(ns, "pipelineruns"))
        .then()
        .statusCode(400)
        .body("detail", containsString("phase must be one of"));
    asAdmin()
        .queryParam("pipelineConfig", "Not A Name")
        .get(path(ns, "pipelineruns"))
        .then()
        .statusCode(400)
        .body("detail", containsString("is not a valid PipelineConfig name"));
  }

  @Test
  void getReturnsTheRunAndAMissingOneIs404() {
    Fixtures.run(ns, "one", "webapp", "main", RunPhase.Running);
    asAdmin()
        .get(path(ns, "pipelineruns/one"))
        .then()
        .statusCode(200)
        .body("kind", equalTo("PipelineRun"))
        .body("status.phase", equalTo("Running"));
    asAdmin().get(path(ns, "pipelineruns/two")).then().statusCode(404);
  }

  @Test
  void cancelSetsCancelRequestedAndIsRefusedOnceTheRunEnded() {
    Fixtures.run(ns, "going", "webapp", "main", RunPhase.Running);
    Fixtures.run(ns, "done", "webapp", "main", RunPhase.Succeeded);

    asAdmin()
        .post(path(ns, "pipelineruns/going/cancel"))
        .then()
        .statusCode(202)
        .body("spec.cancelRequested", equalTo(true));
    assertThat(get("going").getSpec().getCancelRequested()).isTrue();
    asAdmin().post(path(ns, "pipelineruns/going/cancel")).then().statusCode(202);

    asAdmin()
        .post(path(ns, "pipelineruns/done/cancel"))
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("detail", containsString("has already ended (Succeeded)"));
    assertThat(get("done").getSpec().getCancelRequested()).isNull();
    asAdmin().post(path(ns, "pipelineruns/ghost/cancel")).then().statusCode(404);
  }

  @Test
  void rerunCreatesANewRunWithTheSameCommitBranchAndMatrix() {
    var spec = Fixtures.spec(Fixtures.step("test"));
    spec.setMatrix(Fixtures.matrix(Map.of("go", List.of("1.22"))));
    Fixtures.config(ns, "webapp", spec);
    // the matrix index goes in before the run ends: a finished run's spec cannot change
    PipelineRun original = Fixtures.run(ns, "webapp-first", "webapp", "release/1", null);
    original.getSpec().setMatrixIndex(Map.of("go", "1.22"));
    PipelineRunStatus failed = new PipelineRunStatus();
    failed.setPhase(RunPhase.Failed);
    Fixtures.status(Fixtures.kube().resource(original).update(), failed);

    String name =
        asAdmin()
            .post(path(ns, "pipelineruns/webapp-first/rerun"))
            .then()
            .statusCode(201)
            .header("Location", containsString(path(ns, "pipelineruns/webapp-")))
            .body("metadata.name", startsWith("webapp-"))
            .body("metadata.annotations.'c8s.dev/rerun-of'", equalTo("webapp-first"))
            .body("spec.commit", equalTo("4f2a9c1e7b"))
            .body("spec.branch", equalTo("release/1"))
            .body("spec.matrixIndex.go", equalTo("1.22"))
            .body("spec.triggeredBy", equalTo(Identities.adminUsername()))
            .extract()
            .path("metadata.name");
    assertThat(get(name).getMetadata().getLabels())
        .containsEntry("c8s.dev/pipeline-config", "webapp");
    asAdmin().post(path(ns, "pipelineruns/ghost/rerun")).then().statusCode(404);
  }

  @Test
  void listsThePullRequestsRunsAndItsRerunStaysItsRun() {
    Fixtures.config(ns, "webapp", Fixtures.spec(Fixtures.step("test")));
    PipelineRun pr = Fixtures.run(ns, "pr-7", "webapp", "feature/a", null);
    PullRequest seven = new PullRequest();
    seven.setNumber(7L);
    seven.setBaseBranch("main");
    seven.setHeadBranch("feature/a");
    NewRun.ofPullRequest(pr, seven);
    Fixtures.kube().resource(pr).update();
    Fixtures.run(ns, "push", "webapp", "feature/a", null);

    asAdmin()
        .queryParam("pullRequest", "7")
        .get(path(ns, "pipelineruns"))
        .then()
        .statusCode(200)
        .body("items.metadata.name", equalTo(List.of("pr-7")));
    String rerun =
        asAdmin()
            .post(path(ns, "pipelineruns/pr-7/rerun"))
            .then()
            .statusCode(201)
            .body("spec.pullRequest.number", equalTo(7))
            .body("metadata.labels.'c8s.dev/pull-request'", equalTo("7"))
            .extract()
            .path("metadata.name");
    asAdmin()
        .queryParam("pullRequest", "7")
        .get(path(ns, "pipelineruns"))
        .then()
        .body("items.metadata.name", hasSize(2))
        .body("items.metadata.name", hasItem(rerun));
    asAdmin()
        .queryParam("pullRequest", "7,c8s.dev/phase")
        .get(path(ns, "pipelineruns"))
        .then()
        .statusCode(400)
        .body("detail", containsString("pullRequest must be a pull request number"));
  }

  @Test
  void rerunFromFailedResumesAFailedRunAndRefusesOthers() {
    Fixtures.config(ns, "webapp", Fixtures.spec(Fixtures.step("test")));
    PipelineRun failed = Fixtures.run(ns, "broken", "webapp", "main", null);
    PipelineRunStatus status = new PipelineRunStatus();
    status.setPhase(RunPhase.Failed);
    status.setPipelineSpec(Fixtures.spec(Fixtures.step("test")));
    Fixtures.status(failed, status);
    Fixtures.run(ns, "green", "webapp", "main", RunPhase.Succeeded);

    asAdmin()
        .queryParam("from", "failed")
        .post(path(ns, "pipelineruns/broken/rerun"))
        .then()
        .statusCode(201)
        .body("spec.resumeFrom", equalTo("broken"))
        .body("spec.commit", equalTo("4f2a9c1e7b"))
        .body("metadata.annotations.'c8s.dev/rerun-of'", equalTo("broken"));
    asAdmin()
        .queryParam("from", "failed")
        .post(path(ns, "pipelineruns/green/rerun"))
        .then()
        .statusCode(409)
        .body(
            "detail", containsString("run \"green\" is Succeeded; only a failed or cancelled run"));
    asAdmin()
        .queryParam("from", "start")
        .post(path(ns, "pipelineruns/broken/rerun"))
        .then()
        .statusCode(400)
        .body("detail", containsString("from must be failed"));
  }

  @Test
  void rerunOfARunWhoseConfigIsGoneIs409() {
    Fixtures.run(ns, "orphan", "deleted-config", "main", RunPhase.Failed);
    asAdmin()
        .post(path(ns, "pipelineruns/orphan/rerun"))
        .then()
        .statusCode(409)
        .body("detail", containsString("no longer exists"));
    asAdmin().get(path(ns, "pipelineruns")).then().body("items", hasSize(1));
  }

  private PipelineRun get(String name) {
    return Fixtures.kube().resources(PipelineRun.class).inNamespace(ns).withName(name).get();
  }
}
