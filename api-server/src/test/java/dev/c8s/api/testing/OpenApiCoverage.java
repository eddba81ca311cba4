package dev.c8s.api.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Compares the responses an OpenAPI document promises with the exchanges tests produced. */
public final class OpenApiCoverage {
  private OpenApiCoverage() {}

  /**
   * One documented response.
   *
   * @param method upper-case HTTP method
   * @param pathTemplate for example {@code /api/v1/namespaces/{namespace}/pipelineruns/{name}}
   * @param status the response code
   */
  public record Documented(String method, String pathTemplate, int status) {
    @Override
    public String toString() {
      return method + " " + pathTemplate + " -> " + status;
    }
  }

  /** The documented responses of an OpenAPI document's {@code paths} object, as parsed JSON. */
  @SuppressWarnings("unchecked")
  public static List<Documented> documented(Map<String, Object> paths) {
    List<Documented> result = new ArrayList<>();
    paths.forEach(
        (template, item) ->
            ((Map<String, Object>) item)
                .forEach(
                    (method, operation) -> {
                      if (operation instanceof Map<?, ?> op && op.get("responses") != null) {
                        ((Map<String, Object>) op.get("responses"))
                            .keySet().stream()
                                .filter(code -> code.matches("\\d{3}"))
                                .forEach(
                                    code ->
                                        result.add(
                                            new Documented(
                                                method.toUpperCase(),
                                                template,
                                                Integer.parseInt(code))));
                      }
                    }));
    return result;
  }

  /**
   * The documented responses no exchange produced, minus {@code exempt}, as sorted text. A path
   * matches a template when each {@code {param}} matches one segment (the last one may match
   * several, as the artifact path does) and every other segment is equal.
   */
  public static Set<String> missing(
      List<Documented> documented, Set<ApiCoverage.Exchange> seen, Set<Documented> exempt) {
    Set<String> missing = new TreeSet<>();
    for (Documented response : documented) {
      if (exempt.contains(response)) {
        continue;
      }
      Pattern template = compile(response.pathTemplate());
      boolean exercised =
          seen.stream()
              .anyMatch(
                  e ->
                      e.method().equals(response.method())
                          && e.status() == response.status()
                          && template.matcher(e.path()).matches()
                          && !matchesLongerTemplate(e.path(), response.pathTemplate(), documented));
      if (!exercised) {
        missing.add(response.toString());
      }
    }
    return missing;
  }

  // ".../artifacts/{path}" also matches ".../artifacts" siblings' children; a literal template
  // that matches the path exactly wins over one with a parameter in that position.
  private static boolean matchesLongerTemplate(
      String path, String template, List<Documented> documented) {
    return documented.stream()
        .map(Documented::pathTemplate)
        .filter(other -> !other.equals(template))
        .filter(other -> literalSegments(other) > literalSegments(template))
        .anyMatch(other -> compile(other).matcher(path).matches());
  }

  private static long literalSegments(String template) {
    return java.util.Arrays.stream(template.split("/")).filter(s -> !s.startsWith("{")).count();
  }

  private static Pattern compile(String template) {
    String[] segments = template.split("/", -1);
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < segments.length; i++) {
      if (i > 0) {
        regex.append('/');
      }
      String segment = segments[i];
      if (segment.startsWith("{") && segment.endsWith("}")) {
        regex.append(i == segments.length - 1 ? "[^?]+" : "[^/]+");
      } else {
        regex.append(Pattern.quote(segment));
      }
    }
    return Pattern.compile(regex.toString());
  }
}
