package dev.c8s.api.rest;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The methods each REST path supports, for the Allow header of a 405 and of OPTIONS. */
public final class AllowedMethods {
  // JAX-RS' own 405 carries no Allow header, which RFC 9110 requires.

  private record Route(Pattern path, String method) {}

  private static final Pattern PARAM = Pattern.compile("\\{\\s*\\w+\\s*(?::\\s*([^}]+))?}");
  private static final Map<Class<? extends java.lang.annotation.Annotation>, String> VERBS =
      Map.of(GET.class, "GET", POST.class, "POST", PUT.class, "PUT", DELETE.class, "DELETE");
  private static final List<Route> ROUTES =
      routes(
          PipelineConfigResource.class,
          PipelineRunResource.class,
          StepLogResource.class,
          ArtifactResource.class,
          RepositoryConnectionResource.class);

  private AllowedMethods() {}

  /** The methods {@code path} supports (HEAD with GET, OPTIONS always), or empty if none. */
  public static Set<String> of(String path) {
    String relative = path.startsWith("/") ? path.substring(1) : path;
    Set<String> methods = new TreeSet<>();
    for (Route route : ROUTES) {
      if (route.path().matcher(relative).matches()) {
        methods.add(route.method());
      }
    }
    if (methods.contains("GET")) {
      methods.add("HEAD");
    }
    if (!methods.isEmpty()) {
      methods.add("OPTIONS");
    }
    return methods;
  }

  private static List<Route> routes(Class<?>... resources) {
    List<Route> routes = new ArrayList<>();
    for (Class<?> resource : resources) {
      String base = resource.getAnnotation(Path.class).value();
      for (Method method : resource.getDeclaredMethods()) {
        Path sub = method.getAnnotation(Path.class);
        String template = sub == null ? base : base + "/" + sub.value();
        VERBS.forEach(
            (annotation, verb) -> {
              if (method.isAnnotationPresent(annotation)) {
                routes.add(new Route(regex(template), verb));
              }
            });
      }
    }
    return routes;
  }

  private static Pattern regex(String template) {
    String trimmed = template.replaceAll("^/+", "").replaceAll("/+$", "").replaceAll("//+", "/");
    StringBuilder regex = new StringBuilder();
    Matcher m = PARAM.matcher(trimmed);
    int last = 0;
    while (m.find()) {
      regex.append(Pattern.quote(trimmed.substring(last, m.start())));
      regex.append(m.group(1) == null ? "[^/]+" : "(?:" + m.group(1).trim() + ")");
      last = m.end();
    }
    regex.append(Pattern.quote(trimmed.substring(last)));
    return Pattern.compile(regex.toString());
  }
}
