package dev.c8s.e2e.chart;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.c8s.e2e.GitHubPush;
import dev.c8s.model.v1alpha1.LogsArchived;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.model.v1alpha1.StepStatus;
import dev.c8s.testing.GitServer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;

/**
 * The demo of {@link LocalCluster}: the samples applied, a repository served from this machine, a
 * pipeline of two steps on the node's local images, and a user who may call the API; everything
 * applied server-side, so an up on kept data finds it and updates it.
 */
final class LocalDemo implements AutoCloseable {
  static final String NAMESPACE = "demo";
  static final String USER = "demo-user";
  private static final String SECRET = "local-demo-webhook-secret";
  private static final Path SAMPLES = Path.of("../k8s/samples");

  private final KubernetesClient admin;
  private final GitServer git;
  private final String repository;
  private final URI webhook;

  private LocalDemo(KubernetesClient admin, GitServer git, String repository, URI webhook) {
    this.admin = admin;
    this.git = git;
    this.repository = repository;
    this.webhook = webhook;
  }

  /** Applies the samples and the demo's objects; serves the demo repository on {@code host}. */
  static LocalDemo start(KubernetesClient admin, String host, URI webhook) {
    apply(
        admin, new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build());
    List<HasMetadata> samples = new ArrayList<>();
    for (String sample : List.of("pipelineconfig.yaml", "repositoryconnection.yaml")) {
      try (InputStream in = Files.newInputStream(SAMPLES.resolve(sample))) {
        samples.addAll(admin.load(in).items());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    // Secrets first: admission checks that what a pipeline or connection refers to exists.
    samples.sort(Comparator.comparing(o -> "Secret".equals(o.getKind()) ? 0 : 1));
    for (HasMetadata object : samples) {
      object.getMetadata().setNamespace(NAMESPACE);
      apply(admin, object);
    }
    LocalCluster.state("SAMPLES_APPLIED", "k8s/samples in namespace " + NAMESPACE);
    GitServer git = GitServer.start(host, "demo", "demo", "demo-password");
    String repository = git.url(host);
    Map<String, String> values =
        Map.of("NAMESPACE", NAMESPACE, "REPOSITORY", repository, "SECRET", SECRET, "USER", USER);
    for (String file : List.of("demo-access.yaml", "demo-pipeline.yaml")) {
      for (HasMetadata object : resource(admin, file, values)) {
        apply(admin, object);
      }
    }
    LocalCluster.state("DEMO_APPLIED", "PipelineConfig demo-ci for " + repository);
    return new LocalDemo(admin, git, repository, webhook);
  }

  /** Commits to the demo repository, sends GitHub's signed push, prints the run until it ends. */
  String pushAndFollow(Duration atMost) throws IOException, InterruptedException {
    String commit =
        git.commit(Map.of("README.md", "hello from c8s, " + Instant.now() + "\n"), "demo");
    HttpResponse<String> answer = GitHubPush.send(webhook, SECRET, repository, "main", commit);
    if (answer.statusCode() / 100 != 2) {
      throw new IllegalStateException(
          "the webhook refused the demo push: HTTP " + answer.statusCode() + " " + answer.body());
    }
    LocalCluster.state(
        "PUSH_SENT", "commit " + commit.substring(0, 12) + " to " + webhook + "/webhooks/github");
    String[] last = {""};
    PipelineRun run =
        Awaitility.await("the demo run ends")
            .atMost(atMost)
            .pollInterval(Duration.ofMillis(500))
            .until(
                () -> {
                  PipelineRun now = runOf(commit);
                  if (now != null && now.getStatus() != null) {
                    String progress = progress(now);
                    if (!progress.equals(last[0])) {
                      LocalCluster.state("RUN_" + now.getStatus().getPhase(), progress);
                      last[0] = progress;
                    }
                  }
                  return now;
                },
                LogsArchived::endedWithLogs);
    if (run.getStatus().getPhase() != RunPhase.Succeeded) {
      throw new IllegalStateException(
          "the demo run ended " + run.getStatus().getPhase() + ":\n" + Serialization.asYaml(run));
    }
    return run.getMetadata().getName();
  }

  private PipelineRun runOf(String commit) {
    return admin.resources(PipelineRun.class).inNamespace(NAMESPACE).list().getItems().stream()
        .filter(r -> commit.equals(r.getSpec().getCommit()))
        .max(Comparator.comparing(r -> r.getMetadata().getCreationTimestamp()))
        .orElse(null);
  }

  private static String progress(PipelineRun run) {
    List<StepStatus> steps =
        run.getStatus().getSteps() == null ? List.of() : run.getStatus().getSteps();
    return run.getMetadata().getName()
        + " "
        + steps.stream()
            .map(s -> s.getName() + "=" + s.getPhase())
            .collect(Collectors.joining(" ", "[", "]"));
  }

  /** A YAML file beside this class with {@code ${NAME}} placeholders filled in. */
  private static List<HasMetadata> resource(
      KubernetesClient admin, String file, Map<String, String> values) {
    try (InputStream in = LocalDemo.class.getResourceAsStream(file)) {
      String yaml = new String(in.readAllBytes(), UTF_8);
      for (Map.Entry<String, String> value : values.entrySet()) {
        yaml = yaml.replace("${" + value.getKey() + "}", value.getValue());
      }
      return admin.load(new ByteArrayInputStream(yaml.getBytes(UTF_8))).items();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void apply(KubernetesClient admin, HasMetadata object) {
    admin.resource(object).fieldManager("c8s-local").forceConflicts().serverSideApply();
  }

  @Override
  public void close() {
    git.close();
  }
}
