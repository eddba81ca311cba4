package dev.c8s.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real git repository served over smart HTTP with basic authentication: {@code git http-backend}
 * (the CGI program that ships with git) behind the JDK's HTTP server, so pods clone exactly as they
 * would from a forge.
 */
public final class GitServer implements AutoCloseable {
  private final Path root;
  private final Path work;
  private final String repository;
  private final String username;
  private final String password;
  private final HttpServer http;

  private GitServer(
      Path root, String repository, String username, String password, HttpServer http) {
    this.root = root;
    this.work = root.resolve("work");
    this.repository = repository;
    this.username = username;
    this.password = password;
    this.http = http;
  }

  /**
   * Starts a server on {@code bindAddress} (port chosen by the system) with an empty repository
   * {@code <repository>.git} that only {@code username}/{@code password} may read.
   */
  public static GitServer start(
      String bindAddress, String repository, String username, String password) {
    try {
      Path root = Files.createTempDirectory("c8s-git");
      git(root, "init", "-q", "--bare", "-b", "main", repository + ".git");
      git(root, "init", "-q", "-b", "main", "work");
      Path work = root.resolve("work");
      git(work, "config", "user.name", "c8s test");
      git(work, "config", "user.email", "test@c8s.dev");
      git(work, "remote", "add", "origin", root.resolve(repository + ".git").toString());
      HttpServer http = HttpServer.create(new InetSocketAddress(bindAddress, 0), 16);
      GitServer server = new GitServer(root, repository, username, password, http);
      http.createContext("/", server::handle);
      http.setExecutor(Executors.newFixedThreadPool(4));
      http.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code files} (path → content), commits and pushes to {@code main}; the new SHA. */
  public String commit(Map<String, String> files, String message) {
    try {
      for (Map.Entry<String, String> file : files.entrySet()) {
        Path path = work.resolve(file.getKey());
        Files.createDirectories(path.getParent());
        Files.writeString(path, file.getValue());
      }
      git(work, "add", "-A");
      git(work, "commit", "-q", "-m", message);
      git(work, "push", "-q", "origin", "HEAD:main");
      return git(work, "rev-parse", "HEAD").trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Serves this server's repositories over ssh as well, on {@code bindAddress}, to the holder of
   * {@code clientKey}'s private half; the caller closes the returned server.
   */
  public GitSshServer serveOverSsh(String bindAddress, PublicKey clientKey) {
    return GitSshServer.start(bindAddress, root, clientKey);
  }

  /** The clone URL as seen from {@code host} (an address of this machine the client reaches). */
  public String url(String host) {
    return "http://" + host + ":" + http.getAddress().getPort() + "/" + repository + ".git";
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
        exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"c8s test git\"");
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      cgi(exchange);
    }
  }

  private boolean authorized(String header) {
    String expected =
        "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(UTF_8));
    return expected.equals(header);
  }

  /** Runs {@code git http-backend} for one request, per the CGI conventions it expects. */
  private void cgi(HttpExchange exchange) throws IOException {
    ProcessBuilder builder = new ProcessBuilder("git", "http-backend");
    Map<String, String> env = builder.environment();
    env.put("GIT_PROJECT_ROOT", root.toString());
    env.put("GIT_HTTP_EXPORT_ALL", "1");
    env.put("REMOTE_USER", username);
    env.put("REMOTE_ADDR", exchange.getRemoteAddress().getAddress().getHostAddress());
    env.put("REQUEST_METHOD", exchange.getRequestMethod());
    env.put("PATH_INFO", exchange.getRequestURI().getPath());
    String query = exchange.getRequestURI().getRawQuery();
    env.put("QUERY_STRING", query == null ? "" : query);
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    if (type != null) {
      env.put("CONTENT_TYPE", type);
    }
    String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
    if (encoding != null) {
      env.put("HTTP_CONTENT_ENCODING", encoding);
    }
    String protocol = exchange.getRequestHeaders().getFirst("Git-Protocol");
    if (protocol != null) {
      env.put("GIT_PROTOCOL", protocol);
    }
    builder.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process process = builder.start();
    try (OutputStream stdin = process.getOutputStream();
        InputStream body = exchange.getRequestBody()) {
      body.transferTo(stdin);
    }
    try (InputStream stdout = process.getInputStream()) {
      int status = 200;
      for (String line : headerLines(stdout)) {
        int colon = line.indexOf(':');
        String name = line.substring(0, colon).trim();
        String value = line.substring(colon + 1).trim();
        if (name.equalsIgnoreCase("Status")) {
          status = Integer.parseInt(value.split(" ")[0]);
        } else {
          exchange.getResponseHeaders().add(name, value);
        }
      }
      exchange.sendResponseHeaders(status, 0);
      try (OutputStream out = exchange.getResponseBody()) {
        stdout.transferTo(out);
      }
    } finally {
      waitQuietly(process);
    }
  }

  /** The CGI header block: lines up to the first empty one (CRLF or LF). */
  private static List<String> headerLines(InputStream in) throws IOException {
    List<String> lines = new ArrayList<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        String text = line.toString(UTF_8).replace("\r", "");
        if (text.isEmpty()) {
          break;
        }
        lines.add(text);
        line.reset();
      } else {
        line.write(b);
      }
    }
    return lines;
  }

  private static void waitQuietly(Process process) {
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static String git(Path dir, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add("git");
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), UTF_8);
    try {
      if (process.waitFor() != 0) {
        throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: git " + String.join(" ", args), e);
    }
    return output;
  }

  @Override
  public void close() {
    http.stop(0);
    ((java.util.concurrent.ExecutorService) http.getExecutor()).shutdownNow();
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException ignored) {
      // a leftover temp dir is not worth failing a test for
    }
  }
}
