package dev.c8s.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real Gitea (built by scripts/gitea.sh into ~/.cache/c8s-gitea) on a free loopback port, with
 * sqlite in a temporary directory, an admin user {@code c8s} and an API token: the forge the forge
 * ITs run against.
 */
public final class GiteaServer implements AutoCloseable {
  /** The version scripts/gitea.sh builds. */
  public static final String VERSION = "v1.26.0";

  /** The admin user, owner of the repositories the tests create. */
  public static final String OWNER = "c8s";

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path home;
  private final Process process;
  private final String host;
  private final int port;
  private final String token;
  private final HttpClient http = HttpClient.newHttpClient();

  private GiteaServer(Path home, Process process, String host, int port, String token) {
    this.host = host;
    this.home = home;
    this.process = process;
    this.port = port;
    this.token = token;
  }

  /** The directory holding the binary and its {@code options/}. */
  static Path installation() {
    String configured = System.getProperty("c8s.gitea.dir");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    return Path.of(System.getProperty("user.home"), ".cache", "c8s-gitea", "gitea-" + VERSION);
  }

  /** Starts Gitea on loopback; see {@link #start(String)}. */
  public static GiteaServer start() {
    return start("127.0.0.1");
  }

  /**
   * Starts Gitea on {@code host} (an address of this machine; pods on the real node reach the
   * bridge's) and waits until its API answers; fails naming the script when it is missing.
   */
  public static GiteaServer start(String host) {
    Path installation = installation();
    Path binary = installation.resolve("gitea");
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException(
          binary + " is missing: scripts/gitea.sh builds it (the build runs it before the ITs)");
    }
    try {
      Path home = Files.createTempDirectory("c8s-gitea");
      int port = freePort();
      Path ini = home.resolve("app.ini");
      Files.writeString(ini, config(home, installation, host, port));
      Process process =
          new ProcessBuilder(binary.toString(), "web", "--config", ini.toString())
              .directory(home.toFile())
              .redirectErrorStream(true)
              .redirectOutput(home.resolve("gitea.out").toFile())
              .start();
      HttpClient http = HttpClient.newHttpClient();
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .ignoreExceptions()
          .until(
              () ->
                  http.send(
                              HttpRequest.newBuilder(
                                      URI.create("http://" + host + ":" + port + "/api/v1/version"))
                                  .build(),
                              HttpResponse.BodyHandlers.discarding())
                          .statusCode()
                      == 200);
      admin(
          binary,
          ini,
          "user",
          "create",
          "--admin",
          "--username",
          OWNER,
          "--password",
          "c8s-Passw0rd!",
          "--email",
          "c8s@example.invalid",
          "--must-change-password=false");
      String token =
          admin(
                  binary,
                  ini,
                  "user",
                  "generate-access-token",
                  "--username",
                  OWNER,
                  "--token-name",
                  "c8s-tests",
                  "--scopes",
                  "all",
                  "--raw")
              .lines()
              // Gitea warns on the same stream first (running as root).
              .filter(line -> line.matches("[0-9a-f]{40}"))
              .reduce((first, last) -> last)
              .orElseThrow(() -> new IllegalStateException("gitea printed no access token"));
      return new GiteaServer(home, process, host, port, token);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The web address, which is also where repositories are cloned from. */
  public String url() {
    return "http://" + host + ":" + port;
  }

  /** The admin's API token (all scopes). */
  public String token() {
    return token;
  }

  /** Creates {@code name} with a README on {@code main}; returns the commit {@code main} is at. */
  public String createRepository(String name) {
    api(
        "POST",
        "/user/repos",
        Map.of("name", name, "auto_init", true, "default_branch", "main", "readme", "Default"));
    return head(name);
  }

  /** The commit {@code main} of {@code repository} is at. */
  public String head(String repository) {
    return api("GET", "/repos/" + OWNER + "/" + repository + "/branches/main", null)
        .path("commit")
        .path("id")
        .asText();
  }

  /** Commits a new file to {@code main}, which makes Gitea send a push webhook. */
  public void commitFile(String repository, String path, String content) {
    api(
        "POST",
        "/repos/" + OWNER + "/" + repository + "/contents/" + path,
        Map.of(
            "content",
            Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8)),
            "message",
            "add " + path,
            "branch",
            "main"));
  }

  /** Calls the API as the admin; a 4xx or 5xx fails the test with Gitea's answer. */
  public JsonNode api(String method, String path, Object body) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(url() + "/api/v1" + path))
              .header("Authorization", "token " + token)
              .header("Content-Type", "application/json")
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 400) {
        throw new IllegalStateException(
            "Gitea answered "
                + response.statusCode()
                + " to "
                + method
                + " "
                + path
                + ": "
                + response.body());
      }
      return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      process.waitFor();
      try (Stream<Path> files = Files.walk(home)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // A temporary directory left behind is not a test failure.
    }
  }

  private static String admin(Path binary, Path ini, String... args) throws IOException {
    List<String> command =
        Stream.concat(
                Stream.of(binary.toString(), "admin"),
                Stream.concat(Stream.of(args), Stream.of("--config", ini.toString())))
            .toList();
    Process admin = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(admin.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (admin.waitFor() != 0) {
        throw new IllegalStateException("gitea " + String.join(" ", args) + " failed: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return out;
  }

  private static String config(Path home, Path installation, String host, int port) {
    return String.join(
        "\n",
        "APP_NAME = c8s-test-gitea",
        "RUN_MODE = prod",
        "RUN_USER = " + System.getProperty("user.name"),
        // The build machine runs as root; Gitea refuses that unless told.
        "I_AM_BEING_UNSAFE_RUNNING_AS_ROOT = true",
        "WORK_PATH = " + home,
        "[server]",
        "PROTOCOL = http",
        "HTTP_ADDR = " + host,
        "HTTP_PORT = " + port,
        "DOMAIN = " + host,
        "ROOT_URL = http://" + host + ":" + port + "/",
        "DISABLE_SSH = true",
        "START_SSH_SERVER = false",
        "OFFLINE_MODE = true",
        "APP_DATA_PATH = " + home.resolve("data"),
        // Built without bindata: it reads options/ from here at start-up.
        "STATIC_ROOT_PATH = " + installation,
        "LFS_START_SERVER = false",
        "[database]",
        "DB_TYPE = sqlite3",
        "PATH = " + home.resolve("data/gitea.db"),
        "[repository]",
        "ROOT = " + home.resolve("repos"),
        "[security]",
        "INSTALL_LOCK = true",
        "[service]",
        "DISABLE_REGISTRATION = true",
        "[webhook]",
        // Deliveries to the webhook service under test, on loopback.
        "ALLOWED_HOST_LIST = loopback,private",
        "DELIVER_TIMEOUT = 5",
        "[mailer]",
        "ENABLED = false",
        "[actions]",
        "ENABLED = false",
        "[log]",
        "MODE = file",
        "LEVEL = warn",
        "ROOT_PATH = " + home.resolve("log"),
        "[cron.update_checker]",
        "ENABLED = false",
        "");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
