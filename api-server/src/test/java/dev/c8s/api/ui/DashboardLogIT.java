package dev.c8s.api.ui;

import static dev.c8s.api.testing.Fixtures.secretRef;
import static dev.c8s.api.testing.Fixtures.step;
import static dev.c8s.api.testing.Identities.rule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.api.testing.ApiServerResources;
import dev.c8s.api.testing.Archives;
import dev.c8s.api.testing.Fixtures;
import dev.c8s.api.testing.Identities;
import dev.c8s.api.testing.Runs;
import dev.c8s.api.testing.TestEnvironment;
import dev.c8s.model.v1alpha1.StepPhase;
import dev.c8s.model.v1alpha1.StepStatus;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** A step's page: its archived log (masked, coloured, linkable) and its artifacts. */
@QuarkusTest
@WithTestResource(ApiServerResources.class)
class DashboardLogIT extends DashboardTest {
  private static final String SECRET = "hunter2-database-password";
  private static final String ESC = "\u001b";

  private String ns;
  private String token;
  private byte[] binary;

  @BeforeEach
  void runWithAnArchivedLogAndArtifacts() {
    ns = Fixtures.namespace("ui-log");
    Fixtures.secret(ns, "db", "password", SECRET);
    // As a step prints it; the secret that slipped through the controller is masked by the API.
    String log =
        "$ go test ./...\n"
            + ESC
            + "[32mok"
            + ESC
            + "[0m  example.com/webapp/api  0.412s\n"
            + "connecting to postgres with "
            + SECRET
            + "\n"
            + ESC
            + "[1;31mFAIL"
            + ESC
            + "[0m example.com/webapp/db <script>alert(1)</script>\n"
            + "10%\r55%\r100% done\n"
            + "exit status 1";
    TestEnvironment.put(
        TestEnvironment.LOGS_BUCKET, ns + "/r1/test.log", log.getBytes(StandardCharsets.UTF_8));
    binary = new byte[70_000];
    new Random(3).nextBytes(binary);
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("dist/app.bin", binary);
    files.put("reports/junit.xml", "<testsuite tests=\"3\"/>".getBytes(StandardCharsets.UTF_8));
    TestEnvironment.put(
        TestEnvironment.ARTIFACTS_BUCKET, ns + "/r1/test/artifacts.tar.gz", Archives.tarGz(files));
    StepStatus test =
        Runs.step("test", StepPhase.Failed, "r1-test", "s3://c8s-logs/" + ns + "/r1/test.log");
    test.setExitCode(1);
    test.setArtifactUrls(List.of("s3://c8s-artifacts/" + ns + "/r1/test/artifacts.tar.gz"));
    Runs.started(
        ns,
        "r1",
        Fixtures.spec(step("test", secretRef("db", "password")), step("build")),
        test,
        Runs.step("build", StepPhase.Running, "r1-build", null));
    token =
        Identities.withRules(
            ns,
            "reader",
            List.of(
                rule(List.of("pipelineruns"), "get", "list"),
                rule(List.of("pipelineruns/log", "pipelineruns/artifacts"), "get")));
  }

  @Test
  void archivedLogIsShownMaskedWithColoursAndALinkToEveryLine() {
    Browser browser = browser();
    browser.signIn(token, ns);
    String page = "#/runs/" + ns + "/r1/steps/test";
    browser.open(page + "#L3");
    browser.eventually(() -> assertThat(browser.all(By.cssSelector("#log .log-line"))).hasSize(6));

    assertThat(browser.text(By.cssSelector("#L3 .lt")))
        .isEqualTo("connecting to postgres with ***");
    assertThat(browser.driver().getPageSource()).doesNotContain(SECRET);
    assertThat(browser.find(By.id("L3")).getAttribute("class")).contains("selected");
    // Markup in a log is text, never markup.
    assertThat(browser.text(By.cssSelector("#L4 .lt"))).endsWith("<script>alert(1)</script>");
    assertThat(browser.all(By.cssSelector("#log script"))).isEmpty();
    assertThat(browser.find(By.cssSelector("#L2 .ansi-32")).getText()).isEqualTo("ok");
    assertThat(browser.find(By.cssSelector("#L2 .ansi-32")).getCssValue("color"))
        .isEqualTo("rgba(74, 222, 128, 1)");
    assertThat(browser.find(By.cssSelector("#L4 .ansi-31")).getAttribute("class"))
        .contains("ansi-bold");
    assertThat(browser.text(By.cssSelector("#L5 .lt"))).isEqualTo("100% done");
    assertThat(browser.text(By.cssSelector("#L6 .lt"))).isEqualTo("exit status 1");
    assertThat(browser.text(By.id("log-notice")))
        .isEqualTo("Log from archive. End of log, 6 lines.");
    browser.screenshot("log");

    // A line number is the link to its line; following it selects the line without reloading.
    browser.find(By.cssSelector("#L5 .ln")).click();
    browser.eventually(() -> assertThat(browser.hash()).isEqualTo(page + "#L5"));
    browser.eventually(
        () -> assertThat(browser.find(By.id("L5")).getAttribute("class")).contains("selected"));
    assertThat(browser.find(By.id("L3")).getAttribute("class")).doesNotContain("selected");
    assertThat(browser.policyViolations()).isEmpty();
  }

  @Test
  void aStepWithoutALogYetSaysWhy() {
    Browser browser = browser();
    browser.signIn(token, ns);
    browser.open("#/runs/" + ns + "/r1/steps/build");
    browser.eventually(
        () ->
            assertThat(browser.text(By.id("log-notice")))
                .isEqualTo("404 Not Found: step \"build\" has no log yet (no pod yet)"));
  }

  @Test
  void artifactsAreListedAndDownloadedWithTheToken() throws Exception {
    Browser browser = browser();
    browser.signIn(token, ns);
    browser.open("#/runs/" + ns + "/r1");
    browser.eventually(
        () ->
            assertThat(browser.all(By.cssSelector(".step-artifacts tr[data-artifact]")))
                .extracting(row -> row.getAttribute("data-artifact"))
                .containsExactly("dist/app.bin", "reports/junit.xml"));
    assertThat(browser.text(By.cssSelector("tr[data-artifact='dist/app.bin']")))
        .contains("68.4 KiB");

    browser.find(By.cssSelector("tr[data-artifact='dist/app.bin'] button")).click();
    Path downloaded = browser.downloads().resolve("app.bin");
    browser.eventually(() -> assertThat(Files.readAllBytes(downloaded)).isEqualTo(binary));
    browser.eventually(
        () ->
            assertThat(browser.text(By.cssSelector(".step-artifacts [role=status]")))
                .isEqualTo("Downloaded dist/app.bin (68.4 KiB)"));
  }
}
