package dev.c8s.controller.forge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.c8s.model.v1alpha1.GitProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A provider's commit status endpoint on loopback, held to the provider's published OpenAPI
 * description (trimmed copies under {@code forge-openapi/}): every request must match the
 * operation's path, parameters and request body schema, or it is answered 422 and counted as
 * invalid. Valid requests get the documented success code, unless a test scripted other answers.
 */
public final class PublishedForgeApi implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request the API received, and what the published description found wrong with it. */
  public record Received(
      Instant at,
      String path,
      Map<String, List<String>> headers,
      JsonNode body,
      List<String> problems) {
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  /** A scripted answer. */
  public record Answer(int status, Map<String, String> headers, String body) {}

  private final GitProvider provider;
  private final HttpServer server;
  private final Pattern path;
  private final List<String> pathParameters;
  private final JsonSchema body;
  private final int success;
  private final List<Received> received = new ArrayList<>();
  private final Deque<Answer> scripted = new ArrayDeque<>();

  private PublishedForgeApi(GitProvider provider, JsonNode document) throws IOException {
    this.provider = provider;
    Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
    Map.Entry<String, JsonNode> only = paths.next();
    String template = basePath(document) + only.getKey();
    JsonNode post = only.getValue().path("post");
    this.pathParameters = new ArrayList<>();
    Matcher names = Pattern.compile("\\{([^}]+)}").matcher(template);
    while (names.find()) {
      pathParameters.add(names.group(1));
    }
    this.path = Pattern.compile("^" + template.replaceAll("\\{[^}]+}", "([^/]+)") + "$");
    this.body = bodySchema(document, post);
    this.success =
        post.path("responses").properties().stream()
            .map(Map.Entry::getKey)
            .filter(code -> code.startsWith("2"))
            .map(Integer::parseInt)
            .findFirst()
            .orElseThrow();
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Serves {@code provider}'s commit status operation on a free loopback port. */
  public static PublishedForgeApi start(GitProvider provider) {
    String file = "/forge-openapi/" + provider.name().toLowerCase(Locale.ROOT) + ".json";
    try (InputStream in = PublishedForgeApi.class.getResourceAsStream(file)) {
      return new PublishedForgeApi(provider, JSON.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The base URL to give a RepositoryConnection as {@code apiURL}. */
  public String apiUrl() {
    String base =
        switch (provider) {
          case GITHUB -> "";
          case GITLAB -> "/api/v4";
          case BITBUCKET -> "/2.0";
        };
    return "http://127.0.0.1:" + server.getAddress().getPort() + base;
  }

  /** Answers the next {@code times} requests with {@code answer} instead of the success code. */
  public synchronized void script(Answer answer, int times) {
    for (int i = 0; i < times; i++) {
      scripted.add(answer);
    }
  }

  public synchronized List<Received> received() {
    return List.copyOf(received);
  }

  /** When each request arrived, in order. */
  public synchronized List<Instant> receivedAt() {
    return received.stream().map(Received::at).toList();
  }

  /** The requests the published description refused. */
  public synchronized List<Received> invalid() {
    return received.stream().filter(r -> !r.problems().isEmpty()).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] raw = exchange.getRequestBody().readAllBytes();
    List<String> problems = new ArrayList<>();
    String requestPath = exchange.getRequestURI().getRawPath();
    if (!"POST".equals(exchange.getRequestMethod())) {
      problems.add("method " + exchange.getRequestMethod() + " is not the operation's POST");
    }
    Matcher matcher = path.matcher(requestPath);
    if (!matcher.matches()) {
      problems.add("path " + requestPath + " does not match " + path.pattern());
    } else {
      for (int i = 0; i < pathParameters.size(); i++) {
        if (matcher.group(i + 1).isBlank()) {
          problems.add("path parameter " + pathParameters.get(i) + " is empty");
        }
      }
    }
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    if (type == null || !type.startsWith("application/json")) {
      problems.add("Content-Type " + type + " is not application/json");
    }
    JsonNode json = null;
    try {
      json = JSON.readTree(raw);
      Set<ValidationMessage> errors = body.validate(json);
      errors.forEach(e -> problems.add(e.getMessage()));
    } catch (IOException e) {
      problems.add("body is not JSON: " + e.getMessage());
    }
    Answer answer;
    synchronized (this) {
      received.add(
          new Received(
              Instant.now(),
              requestPath,
              Map.copyOf(exchange.getRequestHeaders()),
              json,
              List.copyOf(problems)));
      answer =
          !problems.isEmpty()
              ? new Answer(
                  422, Map.of(), "{\"message\":\"" + problems.get(0).replace("\"", "'") + "\"}")
              : scripted.isEmpty() ? new Answer(success, Map.of(), echo(json)) : scripted.poll();
    }
    answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
    exchange.getResponseBody().write(out);
    exchange.close();
  }

  /** The status as created: what the request set, which is all c8s reads of the answer. */
  private static String echo(JsonNode request) {
    ObjectNode created =
        request != null && request.isObject()
            ? ((ObjectNode) request).deepCopy()
            : JSON.createObjectNode();
    created.put("id", 1);
    return created.toString();
  }

  private static String basePath(JsonNode document) {
    if (document.has("servers")) {
      return URI.create(document.path("servers").get(0).path("url").asText()).getRawPath();
    }
    String base = document.path("basePath").asText("");
    return base.equals("/") ? "" : base;
  }

  /**
   * The request body's schema, resolved inside the document: OpenAPI 3's requestBody, or Swagger
   * 2.0's body parameter; read with the OpenAPI 3.0 dialect (nullable, example).
   */
  private static JsonSchema bodySchema(JsonNode document, JsonNode post) throws IOException {
    JsonNode schema =
        post.path("requestBody").path("content").path("application/json").path("schema");
    if (schema.isMissingNode()) {
      for (JsonNode parameter : post.path("parameters")) {
        if ("body".equals(parameter.path("in").asText())) {
          schema = parameter.path("schema");
        }
      }
    }
    ObjectNode holder = JSON.createObjectNode();
    holder.set("components", document.path("components"));
    holder.set("definitions", document.path("definitions"));
    holder.set("x-request-body", schema);
    String iri = "https://c8s.test/forge-openapi/document.json";
    JsonSchemaFactory factory =
        JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V4,
            builder ->
                builder
                    .metaSchema(OpenApi30.getInstance())
                    .defaultMetaSchemaIri(OpenApi30.getInstance().getIri())
                    .schemaLoaders(loaders -> loaders.schemas(Map.of(iri, holder.toString()))));
    return factory.getSchema(SchemaLocation.of(iri + "#/x-request-body"));
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
