package dev.c8s.api.ui;

import static dev.c8s.api.testing.Identities.rule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.api.testing.ApiServerResources;
import dev.c8s.api.testing.Fixtures;
import dev.c8s.api.testing.Identities;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PipelineRunStatus;
import dev.c8s.model.v1alpha1.RunPhase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The runs list: what it shows, its filters, and its live updates. */
@QuarkusTest
@WithTestResource(ApiServerResources.class)
class DashboardRunsIT extends DashboardTest {
  private String ns;
  private String viewer;
  private PipelineRun building;

  @BeforeEach
  void runsOfTwoPipelines() {
    ns = Fixtures.namespace("ui-runs");
    Fixtures.run(ns, "webapp-7xk2p", "webapp", "main", RunPhase.Succeeded);
    building = Fixtures.run(ns, "webapp-q9d4m", "webapp", "feature/login", RunPhase.Running);
    Fixtures.run(ns, "api-m3r8t", "api", "main", RunPhase.Failed);
    Fixtures.run(ns, "api-c2v6n", "api", "release/1.4", RunPhase.Cancelled);
    Fixtures.run(ns, "docs-h5w2j", "docs", "main", null);
    viewer =
        Identities.withRules(ns, "viewer", List.of(rule(List.of("pipelineruns"), "get", "list")));
  }

  /** Run name to the phase its row shows. */
  private Map<String, String> rows(Browser browser) {
    return browser.all(By.cssSelector("#runs tbody tr")).stream()
        .collect(
            Collectors.toMap(
                row -> row.getAttribute("data-run"),
                row -> row.findElement(By.cssSelector(".phase")).getText()));
  }

  @Test
  void listsTheNamespacesRunsAndFiltersThemByPipelineBranchAndPhase() {
    Browser browser = browser();
    browser.signIn(viewer, ns);
    browser.eventually(() -> assertThat(rows(browser)).hasSize(5));
    assertThat(rows(browser))
        .containsEntry("webapp-7xk2p", "Succeeded")
        .containsEntry("webapp-q9d4m", "Running")
        .containsEntry("api-m3r8t", "Failed")
        .containsEntry("api-c2v6n", "Cancelled")
        .containsEntry("docs-h5w2j", "Pending");
    WebElement row = browser.find(By.cssSelector("tr[data-run='webapp-q9d4m']"));
    assertThat(row.getText()).contains("webapp", "feature/login", "4f2a9c1e7b");
    browser.screenshot("runs");

    browser.find(By.id("filter-pipeline")).sendKeys("webapp");
    browser.find(By.cssSelector("form.filters button[type=submit]")).click();
    browser.eventually(
        () -> assertThat(rows(browser)).containsOnlyKeys("webapp-7xk2p", "webapp-q9d4m"));
    assertThat(browser.hash()).isEqualTo("#/runs?ns=" + ns + "&pipeline=webapp");

    new Select(browser.find(By.id("filter-phase"))).selectByVisibleText("Running");
    browser.find(By.cssSelector("form.filters button[type=submit]")).click();
    browser.eventually(() -> assertThat(rows(browser)).containsOnlyKeys("webapp-q9d4m"));

    // Filters are part of the address, so a filtered list can be shared.
    browser.open("#/runs?ns=" + ns + "&branch=main");
    browser.eventually(
        () ->
            assertThat(rows(browser)).containsOnlyKeys("webapp-7xk2p", "api-m3r8t", "docs-h5w2j"));
    assertThat(browser.find(By.id("filter-branch")).getAttribute("value")).isEqualTo("main");
  }

  @Test
  void rowsFollowTheRunsAsTheControllerUpdatesThem() {
    Browser browser = browser();
    browser.signIn(viewer, ns);
    browser.eventually(() -> assertThat(rows(browser)).containsEntry("webapp-q9d4m", "Running"));

    PipelineRunStatus status = new PipelineRunStatus();
    status.setPhase(RunPhase.Succeeded);
    status.setStartTime(Instant.now().minusSeconds(95));
    status.setCompletionTime(Instant.now());
    Fixtures.status(building, status);
    Fixtures.run(ns, "webapp-n8b3z", "webapp", "main", RunPhase.Running);

    browser.eventually(
        () ->
            assertThat(rows(browser))
                .containsEntry("webapp-q9d4m", "Succeeded")
                .containsEntry("webapp-n8b3z", "Running"));
    assertThat(browser.text(By.cssSelector("tr[data-run='webapp-q9d4m']"))).contains("1m 35s");
  }

  @Test
  void badInputAndMissingRightsGetTheApisMessageAndNoStackTrace() {
    Browser browser = browser();
    browser.signIn(viewer, ns);

    browser.open("#/runs?ns=Not_A_Namespace");
    browser.eventually(
        () ->
            assertThat(browser.text(By.id("runs-error")))
                .startsWith("400 Bad Request: namespace \"Not_A_Namespace\" is not a valid"));

    String other = Fixtures.namespace("ui-other");
    browser.open("#/runs?ns=" + other);
    browser.eventually(
        () ->
            assertThat(browser.text(By.id("runs-error")))
                .startsWith(
                    "403 Forbidden: user \"system:serviceaccount:"
                        + ns
                        + ":viewer\" cannot list pipelineruns.c8s.dev"));

    browser.open("#/runs/" + ns + "/no-such-run");
    browser.eventually(() -> assertThat(browser.text(By.id("run-error"))).startsWith("404"));
    browser.open("#/nowhere");
    browser.eventually(
        () -> assertThat(browser.text(By.id("view-title"))).isEqualTo("Page not found"));
    assertThat(browser.driver().getPageSource()).doesNotContain("Exception", "at dev.c8s");
  }
}
