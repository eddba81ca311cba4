package dev.c8s.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.oas.OpenApi30;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.c8s.model.v1alpha1.GitProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A provider's REST API on loopback, held to the provider's published OpenAPI description: the
 * trimmed copies under {@code forge-openapi/} (see the README there, and {@code trim.py} that makes
 * them) keep the operations c8s calls. Every operation of the provider's document is served.
 *
 * <p>A request is matched to an operation by method and path template (the most specific template
 * first: most literal segments, then longest). A request that matches none is recorded with the
 * problem "no operation …" and answered 404. A matched request is checked against the operation:
 * path parameters present and of their type, required query parameters present, and when the
 * operation has a request body, its Content-Type and the body against its schema (networknt's
 * json-schema-validator, OpenAPI 3.0 dialect; GitLab's Swagger 2.0 schemas read the same way). A
 * request with problems is answered 422 naming the first one; {@link #invalid()} lists them.
 *
 * <p>A valid request gets, unless a test scripted another answer, the operation's first documented
 * 2xx code with: nothing for 204; otherwise the documented response example (OpenAPI 3 {@code
 * example}/{@code examples}, Swagger 2 {@code examples}) with the fields of the request's JSON
 * object body laid over it, so a created resource answers what the request set (the commit status
 * echo); without an example, that echo alone (plus {@code "id": 1}), or {@code []} for an array
 * answer, or {@code {}}.
 */
public final class PublishedForgeApi implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String IRI = "https://c8s.test/forge-openapi/document.json";
  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "patch", "delete", "head", "options");
  private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");

  /**
   * One request the API received, and what the published description found wrong with it.
   *
   * @param operation the operationId of the operation it matched, or its method and path template
   *     when the description gives none; null when it matched no operation
   * @param query the raw query string, or null
   * @param body the JSON body, or a missing node when there was none (or it was not JSON)
   */
  public record Received(
      Instant at,
      String method,
      String path,
      String query,
      Map<String, List<String>> headers,
      JsonNode body,
      String operation,
      List<String> problems) {
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }

    /** The first value of query parameter {@code name}, decoded, or null. */
    public String queryParameter(String name) {
      List<String> values = queryParameters(query).get(name);
      return values == null ? null : values.get(0);
    }
  }

  /** A scripted answer. */
  public record Answer(int status, Map<String, String> headers, String body) {
    /** An answer with a JSON body and no other headers. */
    public static Answer json(int status, String body) {
      return new Answer(status, Map.of(), body);
    }
  }

  private record Parameter(
      String name, String in, boolean required, String type, JsonSchema schema) {}

  private record Operation(
      String method,
      String template,
      String operationId,
      Pattern pattern,
      int literalSegments,
      List<Parameter> parameters,
      JsonSchema body,
      boolean bodyRequired,
      List<String> bodyTypes,
      int success,
      JsonNode example,
      boolean arrayAnswer) {
    String name() {
      return operationId != null ? operationId : method + " " + template;
    }
  }

  /** An operation read, its schemas indexed in the holder's x-c8s-schemas (-1: none). */
  private record Draft(
      String template,
      String method,
      JsonNode operation,
      List<JsonNode> parameters,
      List<Integer> parameterSchemas,
      int bodySchema,
      boolean bodyRequired,
      List<String> bodyTypes) {}

  /** Answers still to give; {@code method} and {@code key} null for any operation. */
  private static final class Script {
    final String method;
    final String key;
    final Answer answer;
    int remaining;

    Script(String method, String key, Answer answer, int remaining) {
      this.method = method;
      this.key = key;
      this.answer = answer;
      this.remaining = remaining;
    }
  }

  private final GitProvider provider;
  private final HttpServer server;
  private final String basePath;
  private final List<Operation> operations;
  private final List<Received> received = new ArrayList<>();
  private final List<Script> scripts = new ArrayList<>();

  private PublishedForgeApi(GitProvider provider, JsonNode document) throws IOException {
    this.provider = provider;
    this.basePath = basePath(document);
    this.operations = operations(provider, document, basePath);
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Serves every operation of {@code provider}'s trimmed description on a free loopback port. */
  public static PublishedForgeApi start(GitProvider provider) {
    String file = "/forge-openapi/" + provider.name().toLowerCase(Locale.ROOT) + ".json";
    try (InputStream in = PublishedForgeApi.class.getResourceAsStream(file)) {
      if (in == null) {
        throw new IllegalStateException(file + " is not on the test classpath");
      }
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
          case GITEA -> "/api/v1";
        };
    return "http://127.0.0.1:" + server.getAddress().getPort() + base;
  }

  /**
   * Answers the next {@code times} valid requests, of any operation, with {@code answer} instead of
   * the documented success. Answers scripted for one operation come first.
   */
  public synchronized void script(Answer answer, int times) {
    if (times > 0) {
      scripts.add(new Script(null, null, answer, times));
    }
  }

  /**
   * Answers the next {@code times} valid {@code method} requests of one operation with {@code
   * answer}.
   *
   * @param operation the operation's operationId, its path template as the description writes it,
   *     or a prefix of the request path (with or without the API's base path)
   */
  public synchronized void script(String method, String operation, Answer answer, int times) {
    if (times > 0) {
      scripts.add(new Script(method.toUpperCase(Locale.ROOT), operation, answer, times));
    }
  }

  public synchronized List<Received> received() {
    return List.copyOf(received);
  }

  /** The {@code method} requests whose raw path matches {@code pathRegex} as a whole. */
  public synchronized List<Received> received(String method, String pathRegex) {
    Pattern path = Pattern.compile(pathRegex);
    return received.stream()
        .filter(r -> r.method().equalsIgnoreCase(method) && path.matcher(r.path()).matches())
        .toList();
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
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    String path = exchange.getRequestURI().getRawPath();
    String query = exchange.getRequestURI().getRawQuery();
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    List<String> problems = new ArrayList<>();
    Operation operation = null;
    Matcher matcher = null;
    for (Operation candidate : operations) {
      Matcher m = candidate.pattern().matcher(path);
      if (candidate.method().equals(method) && m.matches()) {
        operation = candidate;
        matcher = m;
        break;
      }
    }
    JsonNode body = MissingNode.getInstance();
    if (operation == null) {
      problems.add(noOperation(method, path));
      if (raw.length > 0) {
        body = parse(raw, new ArrayList<>());
      }
    } else {
      checkParameters(operation, matcher, query, problems);
      if (raw.length > 0) {
        if (operation.body() != null
            && (type == null || operation.bodyTypes().stream().noneMatch(type::startsWith))) {
          problems.add(
              "Content-Type " + type + " is not " + String.join(" or ", operation.bodyTypes()));
        }
        List<String> unreadable = new ArrayList<>();
        body = parse(raw, unreadable);
        if (operation.body() != null || (type != null && type.contains("json"))) {
          problems.addAll(unreadable);
        }
        if (operation.body() != null && unreadable.isEmpty()) {
          operation.body().validate(body).forEach(e -> problems.add(e.getMessage()));
        }
      } else if (operation.body() != null && operation.bodyRequired()) {
        problems.add("the request body is required");
      }
    }
    Answer answer;
    synchronized (this) {
      received.add(
          new Received(
              Instant.now(),
              method,
              path,
              query,
              Map.copyOf(exchange.getRequestHeaders()),
              body,
              operation == null ? null : operation.name(),
              List.copyOf(problems)));
      if (operation == null) {
        answer = Answer.json(404, message(problems.get(0)));
      } else if (!problems.isEmpty()) {
        answer = Answer.json(422, message(problems.get(0)));
      } else {
        answer = scripted(operation, path);
        if (answer == null) {
          answer = new Answer(operation.success(), Map.of(), documented(operation, body));
        }
      }
    }
    answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    byte[] out =
        answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
    if (out.length > 0 && !exchange.getResponseHeaders().containsKey("Content-Type")) {
      exchange.getResponseHeaders().add("Content-Type", "application/json");
    }
    exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
    exchange.getResponseBody().write(out);
    exchange.close();
  }

  /**
   * Known mistakes of a published description, checked against the provider's API documentation:
   * GitLab's GET of a single branch types {@code branch} as an integer, while its HEAD and DELETE
   * of the same path, and GitLab's documentation ("the name of the branch, URL-encoded"), take a
   * string. Such a parameter is taken as any string.
   */
  private static boolean erratum(GitProvider provider, Draft draft, String parameter) {
    return provider == GitProvider.GITLAB
        && draft.method().equalsIgnoreCase("get")
        && draft.template().endsWith("/repository/branches/{branch}")
        && parameter.equals("branch");
  }

  private String noOperation(String method, String path) {
    List<String> here =
        operations.stream()
            .filter(o -> o.pattern().matcher(path).matches())
            .map(o -> o.method() + " " + o.template())
            .toList();
    return "no operation "
        + method
        + " "
        + path
        + " in "
        + provider
        + "'s published description"
        + (here.isEmpty() ? "" : " (that path has " + String.join(", ", here) + ")");
  }

  private static void checkParameters(
      Operation operation, Matcher matcher, String query, List<String> problems) {
    Map<String, List<String>> queries = queryParameters(query);
    int group = 0;
    Map<String, String> pathValues = new LinkedHashMap<>();
    Matcher names = PATH_PARAMETER.matcher(operation.template());
    while (names.find()) {
      pathValues.put(names.group(1), matcher.group(++group));
    }
    for (Parameter parameter : operation.parameters()) {
      String value;
      if (parameter.in().equals("path")) {
        String rawValue = pathValues.get(parameter.name());
        if (rawValue == null || rawValue.isEmpty()) {
          problems.add("path parameter " + parameter.name() + " is empty");
          continue;
        }
        value = URLDecoder.decode(rawValue.replace("+", "%2B"), StandardCharsets.UTF_8);
      } else if (parameter.in().equals("query")) {
        List<String> values = queries.get(parameter.name());
        if (values == null) {
          if (parameter.required()) {
            problems.add("required query parameter " + parameter.name() + " is missing");
          }
          continue;
        }
        value = values.get(0);
      } else {
        continue;
      }
      if (parameter.schema() != null) {
        parameter
            .schema()
            .validate(typed(value, parameter.type()))
            .forEach(
                e ->
                    problems.add(
                        parameter.in()
                            + " parameter "
                            + parameter.name()
                            + " '"
                            + value
                            + "': "
                            + e.getMessage()));
      }
    }
  }

  private synchronized Answer scripted(Operation operation, String path) {
    String relative = path.startsWith(basePath) ? path.substring(basePath.length()) : path;
    Script chosen = null;
    for (Script s : scripts) {
      if (s.key != null
          && s.method.equals(operation.method())
          && (s.key.equals(operation.operationId())
              || s.key.equals(operation.template())
              || path.startsWith(s.key)
              || relative.startsWith(s.key))) {
        chosen = s;
        break;
      }
    }
    if (chosen == null) {
      chosen = scripts.stream().filter(s -> s.key == null).findFirst().orElse(null);
    }
    if (chosen == null) {
      return null;
    }
    if (--chosen.remaining <= 0) {
      scripts.remove(chosen);
    }
    return chosen.answer;
  }

  /** The documented answer: see the class comment. */
  private static String documented(Operation operation, JsonNode request) {
    if (operation.success() == 204) {
      return "";
    }
    JsonNode example = operation.example();
    if (request.isObject()) {
      ObjectNode answer =
          example != null && example.isObject()
              ? ((ObjectNode) example).deepCopy()
              : JSON.createObjectNode();
      answer.setAll((ObjectNode) request.deepCopy());
      if (!answer.has("id")) {
        answer.put("id", 1);
      }
      return answer.toString();
    }
    if (example != null) {
      return example.toString();
    }
    return operation.arrayAnswer() ? "[]" : "{}";
  }

  private static String message(String problem) {
    ObjectNode message = JSON.createObjectNode();
    message.put("message", problem);
    return message.toString();
  }

  private static JsonNode parse(byte[] raw, List<String> problems) {
    try {
      JsonNode json = JSON.readTree(raw);
      return json == null ? MissingNode.getInstance() : json;
    } catch (IOException e) {
      problems.add("body is not JSON: " + e.getMessage());
      return MissingNode.getInstance();
    }
  }

  private static JsonNode typed(String value, String type) {
    try {
      return switch (type == null ? "" : type) {
        case "integer" -> LongNode.valueOf(Long.parseLong(value));
        case "number" -> DecimalNode.valueOf(new BigDecimal(value));
        case "boolean" ->
            value.equals("true") || value.equals("false")
                ? BooleanNode.valueOf(Boolean.parseBoolean(value))
                : TextNode.valueOf(value);
        default -> TextNode.valueOf(value);
      };
    } catch (NumberFormatException e) {
      return TextNode.valueOf(value);
    }
  }

  private static Map<String, List<String>> queryParameters(String query) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    if (query == null || query.isEmpty()) {
      return parameters;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String name =
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    return parameters;
  }

  private static String basePath(JsonNode document) {
    if (document.has("servers")) {
      return URI.create(document.path("servers").get(0).path("url").asText()).getRawPath();
    }
    String base = document.path("basePath").asText("");
    return base.equals("/") ? "" : base;
  }

  /** Follows {@code $ref}s inside the document. */
  private static JsonNode resolve(JsonNode document, JsonNode node) {
    JsonNode current = node;
    for (int i = 0; i < 20 && current.has("$ref"); i++) {
      String ref = current.path("$ref").asText();
      if (!ref.startsWith("#/")) {
        throw new IllegalStateException("non-local $ref " + ref);
      }
      current = document.at(ref.substring(1));
    }
    return current;
  }

  /**
   * Every operation of the document, most specific path template first; the schemas read with the
   * OpenAPI 3.0 dialect (nullable, example), resolved inside the document.
   */
  private static List<Operation> operations(
      GitProvider provider, JsonNode document, String basePath) {
    ObjectNode holder = JSON.createObjectNode();
    holder.set("components", document.path("components"));
    holder.set("definitions", document.path("definitions"));
    ArrayNode schemas = holder.putArray("x-c8s-schemas");
    // Every schema goes into one holder first; the factory then reads them all from it.
    List<Draft> drafts = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
      JsonNode item = path.getValue();
      for (Map.Entry<String, JsonNode> entry : item.properties()) {
        if (METHODS.contains(entry.getKey())) {
          drafts.add(
              draft(document, path.getKey(), item, entry.getKey(), entry.getValue(), schemas));
        }
      }
    }
    String text = holder.toString();
    JsonSchemaFactory schemaFactory =
        JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V4,
            builder ->
                builder
                    .metaSchema(OpenApi30.getInstance())
                    .defaultMetaSchemaIri(OpenApi30.getInstance().getIri())
                    .schemaLoaders(loaders -> loaders.schemas(Map.of(IRI, text))));
    List<Operation> operations = new ArrayList<>();
    for (Draft draft : drafts) {
      List<Parameter> parameters = new ArrayList<>();
      for (int i = 0; i < draft.parameters().size(); i++) {
        JsonNode parameter = draft.parameters().get(i);
        int index =
            erratum(provider, draft, parameter.path("name").asText())
                ? -1
                : draft.parameterSchemas().get(i);
        String type =
            index < 0 ? null : resolve(document, schemas.get(index)).path("type").asText(null);
        parameters.add(
            new Parameter(
                parameter.path("name").asText(),
                parameter.path("in").asText(),
                parameter.path("required").asBoolean(false),
                type,
                index < 0 ? null : schema(schemaFactory, index)));
      }
      JsonNode responses = draft.operation().path("responses");
      String successCode = null;
      for (Iterator<String> codes = responses.fieldNames(); codes.hasNext(); ) {
        String code = codes.next();
        if (code.startsWith("2")) {
          successCode = code;
          break;
        }
      }
      if (successCode == null) {
        throw new IllegalStateException(
            draft.method() + " " + draft.template() + " documents no 2xx answer");
      }
      JsonNode response = resolve(document, responses.path(successCode));
      operations.add(
          new Operation(
              draft.method().toUpperCase(Locale.ROOT),
              draft.template(),
              draft.operation().path("operationId").asText(null),
              pattern(basePath, draft.template(), draft.parameters()),
              (int)
                  List.of(draft.template().split("/")).stream()
                      .filter(s -> !s.isEmpty() && !s.contains("{"))
                      .count(),
              parameters,
              draft.bodySchema() < 0 ? null : schema(schemaFactory, draft.bodySchema()),
              draft.bodyRequired(),
              draft.bodyTypes(),
              Integer.parseInt(successCode),
              example(document, response),
              answersArray(document, response)));
    }
    operations.sort(
        Comparator.comparingInt(Operation::literalSegments)
            .thenComparingInt(o -> o.template().split("/").length)
            .thenComparingInt(o -> o.template().length())
            .reversed());
    return List.copyOf(operations);
  }

  private static Draft draft(
      JsonNode document,
      String template,
      JsonNode item,
      String method,
      JsonNode op,
      ArrayNode schemas) {
    Map<String, JsonNode> byKey = new LinkedHashMap<>();
    for (JsonNode parameter : item.path("parameters")) {
      JsonNode resolved = resolve(document, parameter);
      byKey.put(resolved.path("in").asText() + ":" + resolved.path("name").asText(), resolved);
    }
    for (JsonNode parameter : op.path("parameters")) {
      JsonNode resolved = resolve(document, parameter);
      byKey.put(resolved.path("in").asText() + ":" + resolved.path("name").asText(), resolved);
    }
    List<JsonNode> parameters = new ArrayList<>();
    List<Integer> parameterSchemas = new ArrayList<>();
    int bodySchema = -1;
    boolean bodyRequired = false;
    List<String> bodyTypes = List.of();
    for (JsonNode parameter : byKey.values()) {
      String in = parameter.path("in").asText();
      if (in.equals("body")) {
        schemas.add(parameter.path("schema"));
        bodySchema = schemas.size() - 1;
        bodyRequired = parameter.path("required").asBoolean(false);
        List<String> consumes = new ArrayList<>();
        JsonNode declared = op.has("consumes") ? op.path("consumes") : document.path("consumes");
        declared.forEach(c -> consumes.add(c.asText()));
        bodyTypes = consumes.isEmpty() ? List.of("application/json") : consumes;
        continue;
      }
      parameters.add(parameter);
      JsonNode schema = parameterSchema(document, parameter);
      if (schema == null) {
        parameterSchemas.add(-1);
      } else {
        schemas.add(schema);
        parameterSchemas.add(schemas.size() - 1);
      }
    }
    JsonNode requestBody = resolve(document, op.path("requestBody"));
    if (requestBody.isObject()) {
      List<String> types = new ArrayList<>();
      requestBody.path("content").fieldNames().forEachRemaining(types::add);
      String json = types.stream().filter(t -> t.contains("json")).findFirst().orElse(types.get(0));
      schemas.add(requestBody.path("content").path(json).path("schema"));
      bodySchema = schemas.size() - 1;
      bodyRequired = requestBody.path("required").asBoolean(false);
      bodyTypes = types;
    }
    return new Draft(
        template, method, op, parameters, parameterSchemas, bodySchema, bodyRequired, bodyTypes);
  }

  private static JsonSchema schema(JsonSchemaFactory factory, int index) {
    return factory.getSchema(SchemaLocation.of(IRI + "#/x-c8s-schemas/" + index));
  }

  /** OpenAPI 3's parameter schema, or a schema made of a Swagger 2.0 parameter's own keywords. */
  private static JsonNode parameterSchema(JsonNode document, JsonNode parameter) {
    if (parameter.has("schema")) {
      return parameter.path("schema");
    }
    if (!parameter.has("type") || parameter.path("type").asText().equals("file")) {
      return null;
    }
    ObjectNode schema = JSON.createObjectNode();
    for (String keyword :
        List.of(
            "type",
            "format",
            "enum",
            "items",
            "minimum",
            "maximum",
            "minLength",
            "maxLength",
            "pattern")) {
      if (parameter.has(keyword)) {
        schema.set(keyword, parameter.get(keyword));
      }
    }
    return schema;
  }

  private static Pattern pattern(String basePath, String template, List<JsonNode> documented) {
    StringBuilder regex = new StringBuilder("^").append(Pattern.quote(basePath));
    Matcher names = PATH_PARAMETER.matcher(template);
    int last = 0;
    while (names.find()) {
      regex.append(Pattern.quote(template.substring(last, names.start())));
      String name = names.group(1);
      boolean multiSegment =
          documented.stream()
              .anyMatch(
                  p ->
                      p.path("name").asText().equals(name)
                          && p.path("in").asText().equals("path")
                          && p.path("x-multi-segment").asBoolean(false));
      regex.append(multiSegment ? "(.*)" : "([^/]*)");
      last = names.end();
    }
    regex.append(Pattern.quote(template.substring(last))).append("$");
    return Pattern.compile(regex.toString());
  }

  /** The documented example of a response's JSON body, or null. */
  private static JsonNode example(JsonNode document, JsonNode response) {
    JsonNode content = response.path("content");
    if (content.isObject()) {
      for (Map.Entry<String, JsonNode> media : content.properties()) {
        if (!media.getKey().contains("json")) {
          continue;
        }
        JsonNode type = media.getValue();
        if (type.has("example")) {
          return type.get("example");
        }
        for (JsonNode example : type.path("examples")) {
          return resolve(document, example).get("value");
        }
      }
      return null;
    }
    JsonNode examples = response.path("examples");
    if (examples.has("application/json")) {
      return examples.get("application/json");
    }
    for (JsonNode example : examples) {
      return example;
    }
    return null;
  }

  private static boolean answersArray(JsonNode document, JsonNode response) {
    JsonNode schema = response.path("schema");
    for (Map.Entry<String, JsonNode> media : response.path("content").properties()) {
      if (media.getKey().contains("json")) {
        schema = media.getValue().path("schema");
      }
    }
    return resolve(document, schema).path("type").asText("").equals("array");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
