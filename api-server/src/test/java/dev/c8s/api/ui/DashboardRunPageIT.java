package dev.c8s.api.ui;

import static dev.c8s.api.testing.Fixtures.step;
import static dev.c8s.api.testing.Identities.rule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.api.testing.ApiServerResources;
import dev.c8s.api.testing.Fixtures;
import dev.c8s.api.testing.Identities;
import dev.c8s.api.testing.Runs;
import dev.c8s.model.v1alpha1.PipelineConfigSpec;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.model.v1alpha1.Step;
import dev.c8s.model.v1alpha1.StepPhase;
import dev.c8s.model.v1alpha1.StepStatus;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** A run's page: its step graph, its matrix combination, and cancel, rerun and resume. */
@QuarkusTest
@WithTestResource(ApiServerResources.class)
class DashboardRunPageIT extends DashboardTest {
  private String ns;
  private Instant t0;

  @BeforeEach
  void runHalfwayThroughADiamond() {
    ns = Fixtures.namespace("ui-run");
    t0 = Instant.now().minusSeconds(75);
    Step build = step("build");
    build.setDependsOn(List.of("test", "lint"));
    Step deploy = step("deploy");
    deploy.setDependsOn(List.of("build"));
    PipelineConfigSpec spec = Fixtures.spec(step("test"), step("lint"), build, deploy);
    spec.setMatrix(Fixtures.matrix(Map.of("go", List.of("1.22"), "os", List.of("linux"))));
    Fixtures.config(ns, "webapp", spec);
    Runs.started(
        ns,
        "webapp-r1",
        spec,
        timed(Runs.step("test", StepPhase.Succeeded, "webapp-r1-test", null), 0, 42),
        timed(Runs.step("lint", StepPhase.Succeeded, "webapp-r1-lint", null), 0, 17),
        timed(Runs.step("build", StepPhase.Running, "webapp-r1-build", null), 42, -1),
        Runs.step("deploy", StepPhase.Pending, null, null));
    Fixtures.kube()
        .resources(PipelineRun.class)
        .inNamespace(ns)
        .withName("webapp-r1")
        .edit(
            run -> {
              run.getSpec().setMatrixIndex(Map.of("go", "1.22", "os", "linux"));
              return run;
            });
  }

  private StepStatus timed(StepStatus step, int startSecond, int endSecond) {
    step.setStartTime(t0.plusSeconds(startSecond));
    step.setCompletionTime(endSecond < 0 ? null : t0.plusSeconds(endSecond));
    return step;
  }

  private String viewer() {
    return Identities.withRules(
        ns, "viewer", List.of(rule(List.of("pipelineruns"), "get", "list")));
  }

  @Test
  void drawsEveryStepAsANodeColouredByPhaseWithItsEdgesAndTheMatrixValues() {
    Browser browser = browser();
    browser.signIn(viewer(), ns);
    browser.open("#/runs/" + ns + "/webapp-r1");
    browser.eventually(
        () -> assertThat(browser.all(By.cssSelector("svg.dag .dag-node"))).hasSize(4));

    assertThat(nodeClass(browser, "test")).contains("phase-succeeded");
    assertThat(nodeClass(browser, "lint")).contains("phase-succeeded");
    assertThat(nodeClass(browser, "build")).contains("phase-running");
    assertThat(nodeClass(browser, "deploy")).contains("phase-pending");
    assertThat(browser.text(By.cssSelector(".dag-node[data-step='test'] .dag-detail")))
        .isEqualTo("Succeeded · 42s");
    assertThat(browser.all(By.cssSelector("svg.dag .dag-edge")))
        .extracting(edge -> edge.getAttribute("data-from") + ">" + edge.getAttribute("data-to"))
        .containsExactlyInAnyOrder("test>build", "lint>build", "build>deploy");
    // Layered: every step to the right of what it depends on.
    assertThat(x(browser, "test")).isEqualTo(x(browser, "lint")).isLessThan(x(browser, "build"));
    assertThat(x(browser, "build")).isLessThan(x(browser, "deploy"));
    assertThat(browser.all(By.cssSelector(".matrix .chip")))
        .extracting(WebElement::getText)
        .containsExactlyInAnyOrder("go=1.22", "os=linux");
    browser.screenshot("run");

    // Keyboard: a node takes focus and Enter opens its step.
    WebElement deploy = browser.find(By.cssSelector(".dag-node[data-step='deploy']"));
    browser.driver().executeScript("arguments[0].focus()", deploy);
    deploy.sendKeys(Keys.ENTER);
    browser.eventually(
        () -> assertThat(browser.hash()).isEqualTo("#/runs/" + ns + "/webapp-r1/steps/deploy"));
    assertThat(browser.policyViolations()).isEmpty();
  }

  @Test
  void cancelIsConfirmedThenDoneForAnOperatorAndRefusedWithTheApisReasonForAViewer() {
    Browser browser = browser();
    browser.signIn(viewer(), ns);
    cancel(browser);
    browser.eventually(
        () ->
            assertThat(browser.text(By.id("action-message")))
                .startsWith(
                    "Cancel failed: 403 Forbidden: user \"system:serviceaccount:"
                        + ns
                        + ":viewer\" cannot update pipelineruns.c8s.dev \"webapp-r1\" in"
                        + " namespace \""
                        + ns
                        + "\""));
    assertThat(run("webapp-r1").getSpec().getCancelRequested()).isNotEqualTo(Boolean.TRUE);

    String operator =
        Identities.withRules(
            ns, "operator", List.of(rule(List.of("pipelineruns"), "update", "get", "list")));
    browser.signIn(operator, ns);
    cancel(browser);
    browser.eventually(
        () ->
            assertThat(browser.text(By.id("action-message"))).startsWith("Cancellation requested"));
    assertThat(run("webapp-r1").getSpec().getCancelRequested()).isTrue();
    assertThat(browser.find(By.id("cancel-run")).isEnabled()).isFalse();
  }

  @Test
  void rerunAndResumeOpenTheRunTheyCreated() {
    Browser browser = browser();
    browser.signIn(Identities.admin(), ns);
    browser.open("#/runs/" + ns + "/webapp-r1");
    browser.find(By.id("rerun-run")).click();
    browser.eventually(
        () -> assertThat(browser.hash()).matches("#/runs/" + ns + "/webapp-[a-z0-9]{5}"));
    assertThat(browser.hash()).doesNotEndWith("/webapp-r1");

    Runs.started(ns, "webapp-r3", Fixtures.spec(step("test")));
    PipelineRun failed = run("webapp-r3");
    failed.getStatus().setPhase(RunPhase.Failed);
    Fixtures.status(failed, failed.getStatus());
    browser.open("#/runs/" + ns + "/webapp-r3");
    browser.find(By.id("resume-run")).click();
    browser.eventually(
        () -> assertThat(browser.text(By.cssSelector(".facts"))).contains("Resumes\nwebapp-r3"));
  }

  private void cancel(Browser browser) {
    browser.open("#/runs/" + ns + "/webapp-r1");
    browser.find(By.id("cancel-run")).click();
    assertThat(browser.find(By.id("confirm-cancel")).getText()).contains("Cancel run webapp-r1?");
    browser.find(By.id("confirm-yes")).click();
  }

  private static String nodeClass(Browser browser, String step) {
    return browser
        .find(By.cssSelector(".dag-node[data-step='" + step + "']"))
        .getAttribute("class");
  }

  private static double x(Browser browser, String step) {
    return Double.parseDouble(
        browser.find(By.cssSelector(".dag-node[data-step='" + step + "'] rect")).getAttribute("x"));
  }

  private PipelineRun run(String name) {
    return Fixtures.kube().resources(PipelineRun.class).inNamespace(ns).withName(name).get();
  }
}
