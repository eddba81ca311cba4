package dev.c8s.deployment.devloop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.c8s.deployment.chart.HelmChart;
import dev.c8s.deployment.chart.Rendered;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Tilt loop and the dev cluster (k3d config, MinIO, dev values, script), checked as files: no
 * Docker engine, k3d or Tilt runs in the build (docs/dev-loop.md, "What has been verified").
 */
class DevLoopTest {
  private static final Path ROOT = HelmChart.directory().getParent().getParent();
  private static final List<String> MODULES = List.of("controller", "api-server", "webhook");
  private static final YAMLMapper YAML = new YAMLMapper();

  /** The Kubernetes version the control-plane tests use (pom.xml c8s.kubernetes.version). */
  private static final String KUBE_VERSION = HelmChart.KUBE_VERSION;

  // Tiltfile

  @Test
  void tiltDefaultsAreSeed000s() {
    Map<String, String> seed = seedDefaults();
    Map<String, String> tilt = tiltDict("DEFAULTS", "\"(\\w+)\": (True|False|\"[^\"]*\")");

    assertThat(seed)
        .containsEntry("with_samples", "true")
        .containsEntry("verbose_logs", "false")
        .containsEntry("k8s_namespace", "c8s-system")
        .containsEntry("image_registry", "c8s-dev");
    assertThat(tilt.keySet()).isEqualTo(seed.keySet());
    seed.forEach(
        (key, value) ->
            assertThat(tilt.get(key).replace("\"", "").toLowerCase()).as(key).isEqualTo(value));
    for (String option : seed.keySet()) {
      assertThat(tiltfile()).containsPattern("config\\.define_(bool|string)\\(\"" + option + "\"");
    }
  }

  @Test
  void tiltResourceLimitsAreSeed000s() {
    assertThat(tiltLimits())
        .isEqualTo(seedLimits())
        .containsEntry("controller", List.of("500m", "512Mi"))
        .containsEntry("api_server", List.of("500m", "512Mi"))
        .containsEntry("webhook", List.of("500m", "256Mi"));
    assertThat(tiltfile()).contains("\"%s_%s_limit\" % (component, resource)");
  }

  @Test
  void chartDefaultsAgreeWithTheTiltDefaults() throws IOException {
    JsonNode values = values();
    Map<String, String> tilt = tiltDict("DEFAULTS", "\"(\\w+)\": (True|False|\"[^\"]*\")");

    assertThat(values.path("image").path("registry").asText())
        .isEqualTo(unquote(tilt.get("image_registry")));
    // verbose_logs False is the chart's INFO; True is DEBUG
    assertThat(tilt.get("verbose_logs")).isEqualTo("False");
    assertThat(values.path("logging").path("level").asText()).isEqualTo("INFO");
    assertThat(HelmChart.NAMESPACE).isEqualTo(unquote(tilt.get("k8s_namespace")));
    assertThat(Files.readString(HelmChart.directory().resolve("values.yaml")))
        .contains("--namespace " + HelmChart.NAMESPACE);
    Map<String, String> valuesKeys = tiltComponentValuesKeys();
    tiltLimits()
        .forEach(
            (component, limits) -> {
              JsonNode chartLimits =
                  values.path(valuesKeys.get(component)).path("resources").path("limits");
              assertThat(
                      List.of(
                          chartLimits.path("cpu").asText(), chartLimits.path("memory").asText()))
                  .as(component)
                  .isEqualTo(limits);
            });
  }

  @Test
  void tiltRendersTheChartItDeploysAndItsImagesMatchTheCustomBuilds() throws IOException {
    Map<String, String> tilt = tiltDict("DEFAULTS", "\"(\\w+)\": (True|False|\"[^\"]*\")");
    String registry = unquote(tilt.get("image_registry"));
    String namespace = unquote(tilt.get("k8s_namespace"));
    ObjectNode values = (ObjectNode) YAML.readTree(ROOT.resolve("k8s/dev/values.yaml").toFile());
    // the Tiltfile's helm set list, at its defaults
    values.withObjectProperty("image").put("registry", registry);
    values.withObjectProperty("logging").put("level", "INFO");
    values
        .withObjectProperty("storage")
        .withObjectProperty("s3")
        .put("endpoint", "http://minio." + namespace + ".svc:9000");
    Map<String, String> valuesKeys = tiltComponentValuesKeys();
    tiltLimits()
        .forEach(
            (component, limits) -> {
              ObjectNode l =
                  values
                      .withObjectProperty(valuesKeys.get(component))
                      .withObjectProperty("resources")
                      .withObjectProperty("limits");
              l.put("cpu", limits.get(0));
              l.put("memory", limits.get(1));
            });

    Rendered rendered = HelmChart.render(namespace, YAML.writeValueAsString(values));

    assertThat(tiltfile()).contains("ref = \"%s/c8s-%s\" % (image_registry, module)");
    assertThat(tiltfile()).contains("kube_version = KUBE_VERSION");
    assertThat(tiltfile()).contains("KUBE_VERSION = \"" + KUBE_VERSION + "\"");
    for (String module : MODULES) {
      Container container = rendered.container(module);
      // Tilt swaps in its image for every container whose image has the custom_build's name
      assertThat(container.getImage()).startsWith(registry + "/c8s-" + module + ":");
      assertThat(container.getResources().getLimits().get("memory"))
          .isEqualTo(new Quantity(tiltLimits().get(componentOf(module)).get(1)));
      assertThat(rendered.deployment(module).getMetadata().getName())
          .as("Tilt resource name in k8s_resource")
          .isEqualTo("c8s-" + module);
      assertThat(tiltfile()).contains("\"c8s-" + module + "\"");
    }
    assertThat(rendered.env("controller"))
        .containsEntry("QUARKUS_S3_ENDPOINT_OVERRIDE", "http://minio." + namespace + ".svc:9000")
        .containsEntry(
            "QUARKUS_S3_AWS_CREDENTIALS_STATIC_PROVIDER_ACCESS_KEY_ID",
            "secret:minio-credentials/access-key-id");
    assertThat(rendered.env("api-server"))
        .containsEntry("C8S_API_AUTH_INSECURE_DISABLE_AUTH_DEV_ONLY", "true");
    assertThat(rendered.env("controller"))
        .doesNotContainKey("C8S_API_AUTH_INSECURE_DISABLE_AUTH_DEV_ONLY");
    assertThat(rendered.env("webhook"))
        .doesNotContainKey("C8S_API_AUTH_INSECURE_DISABLE_AUTH_DEV_ONLY");
  }

  @Test
  void tiltWatchesTheMavenTreeAndForwardsTheDocumentedPorts() {
    assertThat(tiltList("WATCH_PATTERNS"))
        .containsExactly("{module}/src/**", "common-model/src/**", "pom.xml", "*/pom.xml");
    assertThat(tiltList("IGNORE_PATTERNS")).containsExactly("*/target/**", ".git", "*.md", "docs/");
    assertThat(tiltDict("PORTS", "\"(\\w+)\": (\\d+)"))
        .containsExactly(
            Map.entry("api_server", "8081"),
            Map.entry("webhook", "8082"),
            Map.entry("controller", "8083"));
    assertThat(tiltfile())
        .contains("./mvnw -q package -pl %s -am -DskipTests")
        .contains("src/main/docker/Dockerfile.jvm")
        .contains("k8s_yaml(helm(")
        .contains("--dry-run=server");
  }

  @Test
  void everySampleKindHasItsPlaceInTheTiltSampleOrder() {
    List<String> order = tiltList("SAMPLE_KINDS");
    List<String> kinds = new ArrayList<>();
    try (Stream<Path> files = Files.list(ROOT.resolve("k8s/samples"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        Rendered.parse(Files.readString(file)).objects().forEach(o -> kinds.add(o.getKind()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }

    assertThat(kinds)
        .contains("PipelineRun")
        .allMatch(k -> k.equals("PipelineRun") || order.contains(k));
    // admission looks up Secrets and the PipelineConfig a connection names: they must come first
    assertThat(order).containsExactly("Secret", "PipelineConfig", "RepositoryConnection");
  }

  // dev cluster: k3d config, MinIO, dev values, script

  @Test
  void k3dClusterRunsTheTestedKubernetesWithItsOwnPinnedRegistry() throws IOException {
    JsonNode cluster = YAML.readTree(ROOT.resolve("k8s/k3d/cluster.yaml").toFile());
    String script = script();

    assertThat(cluster.path("apiVersion").asText()).isEqualTo("k3d.io/v1alpha5");
    assertThat(cluster.path("kind").asText()).isEqualTo("Simple");
    assertThat(cluster.path("metadata").path("name").asText()).isEqualTo("c8s-dev");
    assertThat(cluster.path("servers").asInt()).isEqualTo(1);
    assertThat(cluster.path("image").asText()).isEqualTo("rancher/k3s:v" + KUBE_VERSION + "-k3s1");
    JsonNode registry = cluster.path("registries").path("create");
    assertThat(registry.path("name").asText()).isEqualTo("c8s-registry");
    assertThat(registry.path("hostPort").asText()).isEqualTo("5000");
    assertThat(registry.path("image").asText()).matches("[^:]+:\\d+\\.\\d+\\.\\d+");
    // the script and the Tiltfile use the same names
    assertThat(script)
        .contains("readonly CLUSTER=c8s-dev")
        .contains("readonly REGISTRY_NAME=c8s-registry")
        .contains("readonly REGISTRY_PORT=5000")
        .contains("readonly RELEASE=c8s")
        .contains("${C8S_NAMESPACE:-c8s-system}")
        .contains("${C8S_IMAGE_REGISTRY:-c8s-dev}");
    assertThat(tiltfile()).contains("DEV_CONTEXT = \"k3d-c8s-dev\"").contains("RELEASE = \"c8s\"");
  }

  @Test
  void minioServesTheBucketsAndCredentialsTheChartValuesName() throws IOException {
    List<HasMetadata> objects =
        Rendered.parse(Files.readString(ROOT.resolve("k8s/dev/minio.yaml"))).objects();
    JsonNode s3 = values().path("storage").path("s3");
    JsonNode devS3 =
        YAML.readTree(ROOT.resolve("k8s/dev/values.yaml").toFile()).path("storage").path("s3");

    assertThat(objects)
        .as("applied with -n <namespace>")
        .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isNull());
    Secret credentials = one(objects, Secret.class, "minio-credentials");
    assertThat(devS3.path("credentials").path("existingSecret").asText())
        .isEqualTo("minio-credentials");
    assertThat(credentials.getStringData())
        .containsKeys(
            s3.path("credentials").path("accessKeyIdKey").asText(),
            s3.path("credentials").path("secretAccessKeyKey").asText());
    Job buckets = one(objects, Job.class, "minio-buckets");
    assertThat(buckets.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
        .contains(
            "local/" + s3.path("logsBucket").asText(),
            "local/" + s3.path("artifactsBucket").asText());
    Service service = one(objects, Service.class, "minio");
    assertThat(service.getSpec().getPorts())
        .anySatisfy(p -> assertThat(p.getPort()).isEqualTo(9000));
    assertThat(devS3.path("endpoint").asText()).isEqualTo("http://minio.c8s-system.svc:9000");

    List<PodSpec> pods =
        List.of(
            one(objects, Deployment.class, "minio").getSpec().getTemplate().getSpec(),
            buckets.getSpec().getTemplate().getSpec());
    for (PodSpec pod : pods) {
      // the dev namespace enforces Pod Security "restricted"
      assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
      assertThat(pod.getSecurityContext().getSeccompProfile().getType())
          .isEqualTo("RuntimeDefault");
      for (Container c : pod.getContainers()) {
        assertThat(c.getImage())
            .matches("[^:]+:RELEASE\\.[0-9TZ-]+")
            .doesNotContainIgnoringCase("latest");
        assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(c.getResources().getLimits()).containsKeys("cpu", "memory");
      }
    }
  }

  @Test
  void devClusterScriptIsValidBashAndStrict() throws Exception {
    Path script = ROOT.resolve("scripts/dev-cluster.sh");
    Process bash =
        new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
    String output = new String(bash.getInputStream().readAllBytes());

    assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(bash.exitValue()).as("bash -n: %s", output).isZero();
    assertThat(Files.isExecutable(script)).isTrue();
    assertThat(script()).startsWith("#!/usr/bin/env bash").contains("\nset -euo pipefail\n");
    for (String command : List.of("up)", "down)", "status)")) {
      assertThat(script()).contains(command + " cmd_");
    }
  }

  private static Path dockerfile(String module, String kind) {
    return ROOT.resolve(module).resolve("src/main/docker/Dockerfile." + kind);
  }

  private static String module(Path dockerfile) {
    return ROOT.relativize(dockerfile).getName(0).toString();
  }

  private static JsonNode values() throws IOException {
    return YAML.readTree(HelmChart.directory().resolve("values.yaml").toFile());
  }

  private static String tiltfile() {
    return read(ROOT.resolve("Tiltfile"));
  }

  private static String script() {
    return read(ROOT.resolve("scripts/dev-cluster.sh"));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The text of a top-level {@code NAME = {...}} or {@code NAME = [...]} literal in the Tiltfile.
   */
  private static String tiltLiteral(String name) {
    Matcher m =
        Pattern.compile("(?ms)^" + name + " = ([\\[{][^\\n]*[\\]}]|[\\[{]\\n.*?^[\\]}])$")
            .matcher(tiltfile());
    assertThat(m.find()).as("%s in the Tiltfile", name).isTrue();
    return m.group(1);
  }

  private static Map<String, String> tiltDict(String name, String entry) {
    Map<String, String> dict = new LinkedHashMap<>();
    Matcher m = Pattern.compile(entry).matcher(tiltLiteral(name));
    while (m.find()) {
      dict.put(m.group(1), m.group(2));
    }
    return dict;
  }

  private static List<String> tiltList(String name) {
    List<String> list = new ArrayList<>();
    Matcher m = Pattern.compile("\"([^\"]*)\"").matcher(tiltLiteral(name));
    while (m.find()) {
      list.add(m.group(1));
    }
    return list;
  }

  /** RESOURCE_LIMITS of the Tiltfile: component to [cpu, memory]. */
  private static Map<String, List<String>> tiltLimits() {
    Map<String, List<String>> limits = new LinkedHashMap<>();
    Matcher m =
        Pattern.compile("\"(\\w+)\": \\{\"cpu\": \"([^\"]+)\", \"memory\": \"([^\"]+)\"}")
            .matcher(tiltLiteral("RESOURCE_LIMITS"));
    while (m.find()) {
      limits.put(m.group(1), List.of(m.group(2), m.group(3)));
    }
    return limits;
  }

  /** COMPONENTS of the Tiltfile: seed 000 component name to the chart's values key. */
  private static Map<String, String> tiltComponentValuesKeys() {
    Map<String, String> keys = new LinkedHashMap<>();
    Matcher m =
        Pattern.compile("\"(\\w+)\": \\{\"module\": \"([^\"]+)\", \"values\": \"([^\"]+)\"}")
            .matcher(tiltLiteral("COMPONENTS"));
    while (m.find()) {
      keys.put(m.group(1), m.group(3));
    }
    assertThat(keys).containsOnlyKeys("controller", "api_server", "webhook");
    return keys;
  }

  private static String componentOf(String module) {
    return module.replace('-', '_');
  }

  private static String unquote(String literal) {
    return literal.replace("\"", "");
  }

  /** Seed 000's TiltConfiguration attributes with a default (copied into the test resources). */
  private static Map<String, String> seedDefaults() {
    Map<String, String> defaults = new LinkedHashMap<>();
    Matcher m =
        Pattern.compile("- `(\\w+)` \\((?:boolean|string)\\): .*, default=\"?([^\"\\n]*)\"?")
            .matcher(seed000());
    while (m.find()) {
      defaults.put(m.group(1), m.group(2));
    }
    return defaults;
  }

  private static Map<String, List<String>> seedLimits() {
    Map<String, List<String>> limits = new LinkedHashMap<>();
    Matcher m =
        Pattern.compile("- `(\\w+)` \\(object\\): \\{cpu: \"([^\"]+)\", memory: \"([^\"]+)\"}")
            .matcher(seed000());
    while (m.find()) {
      limits.put(m.group(1), List.of(m.group(2), m.group(3)));
    }
    return limits;
  }

  private static String seed000() {
    try (InputStream in =
        DevLoopTest.class.getResourceAsStream("/seed-000/tilt-configuration.md")) {
      assertThat(in).isNotNull();
      return new String(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static <T extends HasMetadata> T one(
      List<HasMetadata> objects, Class<T> type, String name) {
    List<T> found =
        objects.stream()
            .filter(type::isInstance)
            .map(type::cast)
            .filter(o -> o.getMetadata().getName().equals(name))
            .toList();
    assertThat(found).as("%s %s", type.getSimpleName(), name).hasSize(1);
    return found.get(0);
  }
}
