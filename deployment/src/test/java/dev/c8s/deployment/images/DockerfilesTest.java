package dev.c8s.deployment.images;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.c8s.deployment.chart.HelmChart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The Dockerfiles of the three services, checked as files: no Docker engine runs in the build. */
class DockerfilesTest {
  private static final Path ROOT = HelmChart.directory().getParent().getParent();
  private static final List<String> MODULES = List.of("controller", "api-server", "webhook");
  private static final YAMLMapper YAML = new YAMLMapper();

  /** The Kubernetes version the control-plane tests use (pom.xml c8s.kubernetes.version). */
  private static final String KUBE_VERSION = HelmChart.KUBE_VERSION;

  /** One instruction of a Dockerfile: keyword and arguments, continuation lines joined. */
  record Instruction(String keyword, String arguments) {}

  static Stream<Path> dockerfiles() {
    return MODULES.stream()
        .flatMap(
            m ->
                Stream.of("Dockerfile.jvm", "Dockerfile.native")
                    .map(f -> ROOT.resolve(m).resolve("src/main/docker").resolve(f)));
  }

  @ParameterizedTest
  @MethodSource("dockerfiles")
  void everyBaseImageIsPinnedToATagOrDigestThatIsNotLatest(Path dockerfile) {
    List<String> bases = arguments(dockerfile, "FROM");

    assertThat(bases).as(dockerfile.toString()).isNotEmpty();
    for (String from : bases) {
      String image =
          Arrays.stream(from.split("\\s+")).filter(w -> !w.startsWith("--")).findFirst().get();
      assertThat(image).as("%s: FROM %s names no variable", dockerfile, image).doesNotContain("$");
      String afterRegistry = image.substring(image.lastIndexOf('/') + 1);
      boolean digest = image.matches(".+@sha256:[0-9a-f]{64}");
      boolean tag =
          afterRegistry.matches("[^:@]+:[A-Za-z0-9_][A-Za-z0-9_.-]*(@sha256:[0-9a-f]{64})?");
      assertThat(tag || digest).as("%s: FROM %s is pinned", dockerfile, image).isTrue();
      assertThat(afterRegistry.toLowerCase())
          .as("%s: FROM %s", dockerfile, image)
          .doesNotContain(":latest");
    }
  }

  @ParameterizedTest
  @MethodSource("dockerfiles")
  void runsAsUid1001(Path dockerfile) {
    List<String> users = arguments(dockerfile, "USER");

    assertThat(users).as(dockerfile.toString()).isNotEmpty();
    assertThat(users.get(users.size() - 1)).as("last USER of %s", dockerfile).isEqualTo("1001");
  }

  @ParameterizedTest
  @MethodSource("dockerfiles")
  void exposesTheHttpPortAndTheWebhookAlsoItsTlsPort(Path dockerfile) {
    Set<String> ports =
        arguments(dockerfile, "EXPOSE").stream()
            .flatMap(a -> Arrays.stream(a.split("\\s+")))
            .map(p -> p.replace("/tcp", ""))
            .collect(Collectors.toSet());

    assertThat(ports).as(dockerfile.toString()).contains("8080");
    if (dockerfile.toString().contains("/webhook/")) {
      assertThat(ports).as(dockerfile.toString()).contains("8443");
    }
  }

  @ParameterizedTest
  @MethodSource("dockerfiles")
  void carriesOciLabels(Path dockerfile) {
    String labels = String.join(" ", arguments(dockerfile, "LABEL"));

    for (String key : List.of("title", "description", "version", "revision", "base.name")) {
      assertThat(labels)
          .as(dockerfile.toString())
          .contains("org.opencontainers.image." + key + "=");
    }
    assertThat(labels)
        .contains("org.opencontainers.image.title=\"c8s-" + module(dockerfile) + "\"");
  }

  @ParameterizedTest
  @MethodSource("dockerfiles")
  void copiesOnlyThePackagedApplication(Path dockerfile) {
    String expected =
        dockerfile.toString().endsWith(".jvm") ? "target/quarkus-app/" : "target/*-runner";
    for (String copy : arguments(dockerfile, "COPY")) {
      List<String> words =
          Arrays.stream(copy.split("\\s+")).filter(w -> !w.startsWith("--")).toList();
      assertThat(words.subList(0, words.size() - 1))
          .as("%s: COPY %s", dockerfile, copy)
          .allSatisfy(source -> assertThat(source).startsWith(expected));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"controller", "api-server", "webhook"})
  void jvmImagesLeaveHeapSizingToTheChartsJavaToolOptions(String module) throws IOException {
    List<String> env = arguments(dockerfile(module, "jvm"), "ENV");

    // run-java.sh would otherwise put -XX:MaxRAMPercentage=50 on the command line, above the
    // chart's
    assertThat(env).contains("JAVA_MAX_MEM_RATIO=0");
    assertThat(values().path("javaToolOptions").asText()).contains("-XX:MaxRAMPercentage=");
  }

  @Test
  void buildContextsAdmitOnlyThePackagedApplication() {
    for (String module : MODULES) {
      assertThat(patterns(ROOT.resolve(module).resolve(".dockerignore")))
          .as("%s/.dockerignore", module)
          .containsExactly("*", "!target/quarkus-app/*", "!target/*-runner");
    }
    assertThat(patterns(ROOT.resolve(".dockerignore")))
        .containsExactly("*", "!*/target/quarkus-app/*", "!*/target/*-runner");
  }

  private static List<String> arguments(Path dockerfile, String keyword) {
    return instructions(dockerfile).stream()
        .filter(i -> i.keyword().equals(keyword))
        .map(Instruction::arguments)
        .toList();
  }

  /** Instructions in order; comments dropped, backslash continuations joined. */
  static List<Instruction> instructions(Path dockerfile) {
    List<Instruction> instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : lines(dockerfile)) {
      if (current.isEmpty() && (line.isBlank() || line.startsWith("#"))) {
        continue;
      }
      if (line.startsWith("#")) {
        continue;
      }
      boolean continues = line.endsWith("\\");
      current.append(continues ? line.substring(0, line.length() - 1) : line).append(' ');
      if (!continues) {
        String text = current.toString().trim();
        int space = text.indexOf(' ');
        instructions.add(
            new Instruction(
                text.substring(0, space).toUpperCase(), text.substring(space + 1).trim()));
        current.setLength(0);
      }
    }
    return instructions;
  }

  private static Path dockerfile(String module, String kind) {
    return ROOT.resolve(module).resolve("src/main/docker/Dockerfile." + kind);
  }

  private static String module(Path dockerfile) {
    return ROOT.relativize(dockerfile).getName(0).toString();
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file).stream().map(String::strip).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The patterns of an ignore file: lines that are neither blank nor comments. */
  private static List<String> patterns(Path ignoreFile) {
    return lines(ignoreFile).stream().filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
  }

  private static JsonNode values() throws IOException {
    return YAML.readTree(HelmChart.directory().resolve("values.yaml").toFile());
  }
}
