package dev.c8s.api.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.awaitility.core.ThrowingRunnable;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/** A headless Chromium showing the dashboard of the api-server under test: one per test class. */
final class Browser implements AutoCloseable {
  // Debian's Chromium and its matching chromedriver (scripts/browser.sh). Naming both keeps
  // Selenium Manager, which would look for drivers on the internet, out of the picture.
  private static final Path CHROMIUM = Path.of("/usr/lib/chromium/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private final ChromeDriver driver;
  private final String ui;
  private final Path downloads;

  private Browser(ChromeDriver driver, String ui, Path downloads) {
    this.driver = driver;
    this.ui = ui;
    this.downloads = downloads;
  }

  /** Starts a browser for the dashboard at {@code ui} (the URL of /ui/). */
  static Browser start(URL ui) {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      throw new IllegalStateException(
          "the dashboard ITs need "
              + CHROMIUM
              + " and "
              + CHROMEDRIVER
              + ": run scripts/browser.sh");
    }
    try {
      Path downloads = Files.createTempDirectory("c8s-ui-downloads");
      ChromeDriverService service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(CHROMEDRIVER.toFile())
              .usingAnyFreePort()
              .build();
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      options.addArguments(
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-dev-shm-usage",
          "--disable-background-networking",
          "--window-size=1366,768");
      options.setExperimentalOption(
          "prefs",
          Map.of(
              "download.default_directory",
              downloads.toString(),
              "download.prompt_for_download",
              false));
      LoggingPreferences logs = new LoggingPreferences();
      logs.enable(LogType.BROWSER, Level.ALL);
      options.setCapability("goog:loggingPrefs", logs);
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.executeCdpCommand(
          "Browser.setDownloadBehavior",
          Map.of("behavior", "allow", "downloadPath", downloads.toString()));
      return new Browser(driver, ui.toString(), downloads);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  ChromeDriver driver() {
    return driver;
  }

  /** Opens a dashboard route, for example {@code #/runs?ns=a}, in a page loaded afresh. */
  void open(String route) {
    driver.get("about:blank");
    driver.get(ui + route);
  }

  /** Forgets the token and namespace, as a new browser tab would. */
  void signOut() {
    driver.get(ui);
    driver.executeScript("sessionStorage.clear(); localStorage.clear();");
  }

  /** Signs in through the form and waits for the page the sign-in leads to. */
  void signIn(String token, String namespace) {
    signOut();
    open("#/signin");
    fillSignIn(token, namespace);
    eventually(() -> assertThat(hash()).doesNotStartWith("#/signin"));
  }

  /** Types a token and namespace into the sign-in form and submits it. */
  void fillSignIn(String token, String namespace) {
    WebElement ns = find(By.id("signin-namespace"));
    ns.clear();
    ns.sendKeys(namespace);
    find(By.id("signin-token")).sendKeys(token);
    find(By.cssSelector("form.signin button[type=submit]")).click();
  }

  /** The element, once the page shows it. */
  WebElement find(By by) {
    return await()
        .atMost(PATIENCE)
        .ignoreExceptions()
        .until(() -> driver.findElement(by), e -> true);
  }

  List<WebElement> all(By by) {
    return driver.findElements(by);
  }

  /** The text of the element, or "" while there is none. */
  String text(By by) {
    List<WebElement> found = driver.findElements(by);
    return found.isEmpty() ? "" : found.get(0).getText();
  }

  String hash() {
    return (String) driver.executeScript("return location.hash");
  }

  /** Retries {@code assertion} until it holds: the page updates itself asynchronously. */
  void eventually(ThrowingRunnable assertion) {
    await().atMost(PATIENCE).ignoreExceptions().untilAsserted(assertion);
  }

  /** Where downloads land. */
  Path downloads() {
    return downloads;
  }

  /** Saves the page as {@code target/screenshots/<name>.png}. */
  Path screenshot(String name) {
    try {
      Path dir = Path.of(System.getProperty("c8s.screenshots", "target/screenshots"));
      Files.createDirectories(dir);
      Path file = dir.resolve(name + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the browser console reported about the Content-Security-Policy (nothing, we hope). */
  List<String> policyViolations() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .map(LogEntry::getMessage)
        .filter(message -> message.contains("Content Security Policy"))
        .toList();
  }

  @Override
  public void close() {
    driver.quit();
  }
}
