package dev.c8s.api.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.c8s.api.kube.Page;
import dev.c8s.model.v1alpha1.C8s;
import java.util.List;

/**
 * A list in the Kubernetes shape: {@code {apiVersion, kind, metadata: {continue}, items}}.
 *
 * @param apiVersion always {@code c8s.dev/v1alpha1}
 * @param kind for example {@code PipelineRunList}
 * @param metadata the continue token of the next page, if any
 * @param items the objects
 */
public record ItemList<T>(String apiVersion, String kind, ListMeta metadata, List<T> items) {

  /**
   * The list's metadata.
   *
   * @param continueToken token for the next page; absent on the last page
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ListMeta(@JsonProperty("continue") String continueToken) {}

  /** A page as a list of {@code kind}. */
  public static <T> ItemList<T> of(String kind, Page<T> page) {
    return new ItemList<>(C8s.API_VERSION, kind, new ListMeta(page.continueToken()), page.items());
  }

  /** A complete list (no further pages). */
  public static <T> ItemList<T> of(String kind, List<T> items) {
    return new ItemList<>(C8s.API_VERSION, kind, new ListMeta(null), items);
  }
}
