package dev.c8s.api.ui;

import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

/** One browser per test class, started on the first test (starting one costs ~5 s, 400 MiB). */
abstract class DashboardTest {
  private static Browser browser;

  @TestHTTPResource("/ui/")
  URL ui;

  @BeforeEach
  void startBrowser() {
    if (browser == null) {
      browser = Browser.start(ui);
    }
  }

  Browser browser() {
    return browser;
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.close();
      browser = null;
    }
  }
}
