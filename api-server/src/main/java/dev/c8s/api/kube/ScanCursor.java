package dev.c8s.api.kube;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.c8s.api.problem.ApiException;
import java.io.IOException;
import java.util.Base64;

/**
 * Where a filtered list stopped inside the Kubernetes pages it reads; encoded, the API's token.
 *
 * @param kubeContinue Kubernetes continue token of the page, null for the first page
 * @param resourceVersion the first page's list resourceVersion, to read it again exactly
 * @param pageSize the limit the page was read with (a different limit gives different pages)
 * @param skip items of the page already handled
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ScanCursor(String kubeContinue, String resourceVersion, int pageSize, int skip) {
  static final String PREFIX = "c8s1.";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The opaque token handed to clients. */
  String encode() {
    try {
      return PREFIX
          + Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(this));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether {@code token} was made by {@link #encode()} rather than by Kubernetes. */
  static boolean isOurs(String token) {
    return token != null && token.startsWith(PREFIX);
  }

  /** Reads a token from {@link #encode()}, or a Kubernetes one as the start of its page. */
  static ScanCursor decode(String token, int defaultPageSize) {
    if (token == null || token.isEmpty()) {
      return new ScanCursor(null, null, defaultPageSize, 0);
    }
    if (!isOurs(token)) {
      return new ScanCursor(token, null, defaultPageSize, 0);
    }
    try {
      ScanCursor cursor =
          JSON.readValue(
              Base64.getUrlDecoder().decode(token.substring(PREFIX.length())), ScanCursor.class);
      if (cursor.pageSize() < 1 || cursor.pageSize() > 1000 || cursor.skip() < 0) {
        throw new IllegalArgumentException("out of range");
      }
      return cursor;
    } catch (IOException | IllegalArgumentException e) {
      throw ApiException.badRequest(
          "the continue token is invalid; start the list again without continue");
    }
  }
}
