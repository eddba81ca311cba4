package dev.c8s.webhook.delivery;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads only the repository URLs out of an unverified payload, without building it in memory. */
public final class RepositoryUrlScanner {
  // The signature cannot be checked before the repository is known (its secret belongs to the
  // RepositoryConnection), so this is the one look at unverified content: strings at a few fixed
  // paths, bounded in number and length, nothing else kept (decision 0010).
  private static final int MAX_URLS = 16;
  private static final int MAX_URL_LENGTH = 2048;
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(256)
                  .maxStringLength(MAX_URL_LENGTH * 1024)
                  .build())
          .build();

  private RepositoryUrlScanner() {}

  /**
   * The string values in {@code json} at {@code paths}, such as {@code repository.clone_url} or
   * {@code repository.links.clone[].href} ({@code []} stands for any element of an array).
   */
  public static List<String> scan(byte[] json, Set<String> paths) {
    List<String> found = new ArrayList<>();
    try (JsonParser parser = JSON.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return found;
      }
      JsonToken token;
      while ((token = parser.nextToken()) != null && found.size() < MAX_URLS) {
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
          String path = path(parser.getParsingContext().getParent());
          if (paths.stream().noneMatch(p -> p.startsWith(path))) {
            parser.skipChildren();
          }
        } else if (token == JsonToken.VALUE_STRING) {
          String path = path(parser.getParsingContext());
          if (paths.contains(path) && parser.getTextLength() <= MAX_URL_LENGTH) {
            found.add(parser.getText());
          }
        }
      }
    } catch (IOException | RuntimeException malformed) {
      // Keep what was found: only a verified signature makes any of it count.
    }
    return found;
  }

  /** The dotted path of the value in {@code context}, {@code []} for an array element. */
  private static String path(JsonStreamContext context) {
    if (context == null || context.inRoot()) {
      return "";
    }
    String parent = path(context.getParent());
    if (context.inArray()) {
      return parent + "[]";
    }
    String name = context.getCurrentName() == null ? "" : context.getCurrentName();
    return parent.isEmpty() ? name : parent + "." + name;
  }
}
