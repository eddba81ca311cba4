package dev.c8s.deployment.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chart passes {@code helm lint --strict}, is versioned properly and documents its values. */
class ChartLintTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void strictLintReportsNoWarningsOrErrors() {
    LintResult result = HelmChart.lint();

    // Printed so a build log shows what lint said (INFO lines such as the missing icon remain).
    result.getMessages().forEach(m -> System.out.println("helm lint: " + m));
    assertThat(result.isFailed()).isFalse();
    assertThat(result.getMessages())
        .noneMatch(m -> m.startsWith("[WARNING]") || m.startsWith("[ERROR]"));
  }

  @Test
  void chartIsSemverVersionedAndPinsTheAppVersionTheImagesUse() throws IOException {
    JsonNode chart = YAML.readTree(HelmChart.directory().resolve("Chart.yaml").toFile());

    assertThat(chart.path("apiVersion").asText()).isEqualTo("v2");
    assertThat(chart.path("name").asText()).isEqualTo("c8s");
    assertThat(chart.path("version").asText()).isEqualTo("0.1.0").matches("\\d+\\.\\d+\\.\\d+");
    assertThat(chart.path("appVersion").asText()).isEqualTo("0.1.0");
    assertThat(HelmChart.render("").container("controller").getImage())
        .isEqualTo("c8s-dev/c8s-controller:" + chart.path("appVersion").asText());
  }

  @Test
  void readmeTableDocumentsEveryValue() throws IOException {
    JsonNode values = YAML.readTree(HelmChart.directory().resolve("values.yaml").toFile());
    String readme = Files.readString(HelmChart.directory().resolve("README.md"));

    List<String> keys = new ArrayList<>();
    leafKeys("", values, keys);
    assertThat(keys).hasSizeGreaterThan(50);
    assertThat(keys).allSatisfy(key -> assertThat(readme).contains("| `" + key + "` |"));
  }

  @Test
  void crdsShipInTheCrdsFolderSoHelmInstallsThemBeforeTheTemplates() throws IOException {
    try (var files = Files.list(HelmChart.directory().resolve("crds"))) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "pipelineconfigs.c8s.dev-v1.yml",
              "pipelineruns.c8s.dev-v1.yml",
              "repositoryconnections.c8s.dev-v1.yml");
    }
  }

  /** Leaves of the values tree; empty maps and lists are leaves too (they are user-fillable). */
  private static void leafKeys(String prefix, JsonNode node, List<String> keys) {
    if (!node.isObject() || node.isEmpty()) {
      keys.add(prefix);
      return;
    }
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      leafKeys(
          prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(),
          field.getValue(),
          keys);
    }
  }
}
