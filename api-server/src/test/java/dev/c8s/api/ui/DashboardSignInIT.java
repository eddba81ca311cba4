package dev.c8s.api.ui;

import static dev.c8s.api.testing.Identities.rule;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import dev.c8s.api.testing.ApiServerResources;
import dev.c8s.api.testing.Fixtures;
import dev.c8s.api.testing.Identities;
import dev.c8s.model.v1alpha1.RunPhase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The dashboard's files, and signing in with a Kubernetes token. */
@QuarkusTest
@WithTestResource(ApiServerResources.class)
class DashboardSignInIT extends DashboardTest {

  @Test
  void filesAreServedWithoutATokenUnderAContentSecurityPolicyAndStayOutOfTheApiDocument() {
    given().redirects().follow(false).get("/ui").then().statusCode(302).header("Location", "ui/");
    given()
        .get("/ui/")
        .then()
        .statusCode(200)
        .contentType(containsString("text/html"))
        .header("Content-Security-Policy", containsString("default-src 'self'"))
        .header("Content-Security-Policy", containsString("script-src 'self'"))
        .header("X-Content-Type-Options", "nosniff");
    given()
        .get("/ui/js/main.js")
        .then()
        .statusCode(200)
        .contentType(containsString("javascript"))
        .header("Content-Security-Policy", containsString("default-src 'self'"));
    given().get("/ui/app.css").then().statusCode(200).contentType(startsWith("text/css"));

    Map<String, Object> paths =
        given().get("/q/openapi?format=json").then().statusCode(200).extract().path("paths");
    assertThat(paths.keySet()).allSatisfy(path -> assertThat(path).startsWith("/api/v1/"));
  }

  @Test
  void aRefusedTokenShowsTheApisReasonAndAValidOneLeadsToTheLinkThatAskedForIt() {
    String ns = Fixtures.namespace("ui-signin");
    Fixtures.run(ns, "r1", "webapp", "main", RunPhase.Running);
    String viewer =
        Identities.withRules(ns, "viewer", List.of(rule(List.of("pipelineruns"), "get", "list")));
    Browser browser = browser();
    browser.signOut();

    // A shared link, opened without a token, asks for one first.
    browser.open("#/runs/" + ns + "/r1");
    browser.eventually(() -> assertThat(browser.hash()).isEqualTo("#/signin"));
    assertThat(browser.text(By.id("signin-error"))).isEmpty();
    assertThat(browser.text(By.id("token-help"))).contains("kubectl create token");

    browser.fillSignIn("not-a-kubernetes-token", ns);
    browser.eventually(
        () ->
            assertThat(browser.text(By.id("signin-error")))
                .isEqualTo(
                    "Sign-in failed: the bearer token was not accepted by the Kubernetes API"
                        + " server (expired, revoked or not a token of this cluster)"));
    browser.screenshot("signin");

    browser.fillSignIn(viewer, ns);
    browser.eventually(() -> assertThat(browser.hash()).isEqualTo("#/runs/" + ns + "/r1"));
    browser.eventually(() -> assertThat(browser.text(By.id("view-title"))).contains("r1"));
    assertThat(browser.driver().getPageSource()).doesNotContain(viewer);

    browser.find(By.id("sign-out")).click();
    browser.eventually(() -> assertThat(browser.hash()).isEqualTo("#/signin"));
    assertThat(browser.policyViolations()).isEmpty();
  }
}
