package dev.c8s.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Map;

/** Matrix strategy: the cartesian product of the dimensions, minus the excluded combinations. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Matrix {

  /** Dimension name to its values, for example {@code go: ["1.21", "1.22"]}. */
  @JsonPropertyDescription("Dimension name to the list of its values")
  private Map<String, List<String>> dimensions;

  /** Partial combinations to leave out; each entry maps dimension names to values. */
  @JsonPropertyDescription(
      "Combinations to leave out: each entry maps some dimension names to values and removes"
          + " every combination that matches all of them")
  private List<Map<String, String>> exclude;

  public Map<String, List<String>> getDimensions() {
    return dimensions;
  }

  public void setDimensions(Map<String, List<String>> dimensions) {
    this.dimensions = dimensions;
  }

  public List<Map<String, String>> getExclude() {
    return exclude;
  }

  public void setExclude(List<Map<String, String>> exclude) {
    this.exclude = exclude;
  }
}
