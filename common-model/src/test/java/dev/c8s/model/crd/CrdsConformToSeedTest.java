package dev.c8s.model.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every constraint of seed 001's three CRD definitions holds in the committed CRDs.
 *
 * <p>Walks the seed's schema and, at each node, requires the same type, format, pattern, default,
 * minItems, enum values and required fields in ours. Ours may add fields and descriptions.
 */
class CrdsConformToSeedTest {

  /**
   * Values added to a seed enum on purpose, each with its decision: every value the seed allows is
   * still allowed, so no object valid under the seed is refused.
   */
  private static final Map<String, List<String>> ADDED_ENUM_VALUES =
      Map.of(".spec.provider", List.of("gitea")); // decision 0062: Gitea and Forgejo

  private static final List<String> CONSTRAINTS =
      List.of("type", "format", "pattern", "default", "minItems");

  @ParameterizedTest
  @ValueSource(strings = {"pipelineconfigs", "pipelineruns", "repositoryconnections"})
  void schemaHasEveryConstraintOfTheSeed(String plural) {
    JsonNode seed = seedVersion(plural).at("/schema/openAPIV3Schema");
    JsonNode ours = ourVersion(plural).at("/schema/openAPIV3Schema");
    List<String> problems = new ArrayList<>();
    compare("", seed, ours, problems);
    assertThat(problems).as("constraints of seed 001 missing from " + plural).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"pipelineconfigs", "pipelineruns", "repositoryconnections"})
  void namesScopeAndVersionMatchTheSeed(String plural) {
    JsonNode seed = CrdFiles.seedResource("crd-" + plural + ".yaml").get("spec");
    JsonNode ours = CrdFiles.read(CrdFiles.committed().resolve(CrdFiles.fileName(plural)));
    assertThat(ours.at("/metadata/name").asText()).isEqualTo(plural + ".c8s.dev");
    JsonNode spec = ours.get("spec");
    assertThat(spec.get("group")).isEqualTo(seed.get("group"));
    assertThat(spec.get("scope")).isEqualTo(seed.get("scope"));
    for (String field : List.of("plural", "singular", "kind")) {
      assertThat(spec.get("names").get(field)).isEqualTo(seed.get("names").get(field));
    }
    assertThat(texts(spec.at("/names/shortNames")))
        .containsAll(texts(seed.at("/names/shortNames")));
    JsonNode version = ourVersion(plural);
    assertThat(version.get("name").asText()).isEqualTo("v1alpha1");
    assertThat(version.get("served").asBoolean()).isTrue();
    assertThat(version.get("storage").asBoolean()).isTrue();
    assertThat(version.at("/subresources/status").isObject()).as("status subresource").isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"pipelineconfigs", "pipelineruns", "repositoryconnections"})
  void printerColumnsAreTheSeedsInTheSeedsOrder(String plural) {
    JsonNode seed = seedVersion(plural).path("additionalPrinterColumns");
    JsonNode ours = ourVersion(plural).path("additionalPrinterColumns");
    assertThat(ours.size()).isEqualTo(seed.size());
    for (int i = 0; i < seed.size(); i++) {
      for (String field : List.of("name", "type", "jsonPath")) {
        assertThat(ours.get(i).get(field)).isEqualTo(seed.get(i).get(field));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"rc", "repoconn"})
  void repositoryConnectionKeepsTheSeedShortNameAndAddsOneThatDoesNotCollide(String shortName) {
    JsonNode ours =
        CrdFiles.read(CrdFiles.committed().resolve(CrdFiles.fileName("repositoryconnections")));
    assertThat(texts(ours.at("/spec/names/shortNames"))).contains(shortName);
  }

  private static void compare(String path, JsonNode seed, JsonNode ours, List<String> problems) {
    if (ours == null || ours.isMissingNode()) {
      problems.add(path + ": missing");
      return;
    }
    for (String constraint : CONSTRAINTS) {
      if (seed.has(constraint) && !seed.get(constraint).equals(ours.get(constraint))) {
        problems.add(
            path
                + "."
                + constraint
                + ": seed "
                + seed.get(constraint)
                + ", ours "
                + ours.get(constraint));
      }
    }
    if (seed.has("enum")) {
      Set<String> expected = enumValues(seed.get("enum"));
      expected.addAll(ADDED_ENUM_VALUES.getOrDefault(path, List.of()));
      if (!expected.equals(enumValues(ours.get("enum")))) {
        problems.add(path + ".enum: seed " + seed.get("enum") + ", ours " + ours.get("enum"));
      }
    }
    if (seed.has("required") && !texts(ours.get("required")).equals(texts(seed.get("required")))) {
      problems.add(
          path + ".required: seed " + seed.get("required") + ", ours " + ours.get("required"));
    }
    seed.path("properties")
        .fields()
        .forEachRemaining(
            e ->
                compare(
                    path + "." + e.getKey(),
                    e.getValue(),
                    ours.path("properties").get(e.getKey()),
                    problems));
    if (seed.has("items")) {
      compare(path + "[]", seed.get("items"), ours.get("items"), problems);
    }
    if (seed.has("additionalProperties")) {
      compare(
          path + "{}",
          seed.get("additionalProperties"),
          ours.get("additionalProperties"),
          problems);
    }
  }

  /** The seed writes condition statuses unquoted, which YAML reads as booleans: compare as text. */
  private static Set<String> enumValues(JsonNode values) {
    Set<String> result = new TreeSet<>();
    if (values != null) {
      values.forEach(
          v -> result.add(v.isBoolean() ? (v.asBoolean() ? "True" : "False") : v.asText()));
    }
    return result;
  }

  private static Set<String> texts(JsonNode array) {
    Set<String> result = new TreeSet<>();
    if (array != null) {
      array.forEach(v -> result.add(v.asText()));
    }
    return result;
  }

  private static JsonNode seedVersion(String plural) {
    return CrdFiles.seedResource("crd-" + plural + ".yaml").at("/spec/versions/0");
  }

  private static JsonNode ourVersion(String plural) {
    JsonNode crd = CrdFiles.read(CrdFiles.committed().resolve(CrdFiles.fileName(plural)));
    return stream(crd.at("/spec/versions"))
        .filter(v -> v.get("name").asText().equals("v1alpha1"))
        .findFirst()
        .orElseThrow();
  }

  private static Stream<JsonNode> stream(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false);
  }
}
