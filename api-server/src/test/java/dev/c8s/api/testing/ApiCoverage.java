package dev.c8s.api.testing;

import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Records (method, path, status) of every IT request for the OpenAPI coverage check. */
public final class ApiCoverage {
  /**
   * One exchange as seen on the wire.
   *
   * @param method upper-case HTTP method
   * @param path request path without query
   * @param status response status code
   */
  public record Exchange(String method, String path, int status) {}

  private static final Set<Exchange> SEEN = ConcurrentHashMap.newKeySet();

  /** The rest-assured filter that records. */
  public static final Filter RECORDER = new Recorder();

  private ApiCoverage() {}

  /** Everything recorded so far in this JVM. */
  public static Set<Exchange> seen() {
    return Set.copyOf(SEEN);
  }

  private static final class Recorder implements Filter {
    @Override
    public Response filter(
        FilterableRequestSpecification request,
        FilterableResponseSpecification response,
        FilterContext context) {
      Response result = context.next(request, response);
      // The raw path: a %2F in a name must not turn into a path separator here.
      String path = URI.create(request.getURI()).getRawPath();
      SEEN.add(new Exchange(request.getMethod().toUpperCase(), path, result.statusCode()));
      return result;
    }
  }
}
