package dev.c8s.e2e.chart;

import static dev.c8s.e2e.chart.ChartOnTheNode.NAMESPACE;
import static dev.c8s.e2e.chart.ChartOnTheNode.RELEASE;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** How people and tools reach an installed release: a team's token, HTTP, and its containers. */
final class ReleaseAccess {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private ReleaseAccess() {}

  /**
   * A token of a new ServiceAccount {@code ci} in {@code ns} that may read runs there, as a team
   * would create for a tool ({@code kubectl create token ci}).
   */
  static String developerToken(KubernetesClient admin, String ns) {
    admin
        .serviceAccounts()
        .inNamespace(ns)
        .resource(
            new ServiceAccountBuilder().withNewMetadata().withName("ci").endMetadata().build())
        .create();
    admin
        .rbac()
        .roles()
        .inNamespace(ns)
        .resource(
            new RoleBuilder()
                .withNewMetadata()
                .withName("c8s-reader")
                .endMetadata()
                .addNewRule()
                .withApiGroups("c8s.dev")
                .withResources("pipelineruns")
                .withVerbs("get", "list")
                .endRule()
                .build())
        .create();
    admin
        .rbac()
        .roleBindings()
        .inNamespace(ns)
        .resource(
            new RoleBindingBuilder()
                .withNewMetadata()
                .withName("ci-reads-runs")
                .endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", "c8s-reader")
                .addNewSubject()
                .withKind("ServiceAccount")
                .withName("ci")
                .withNamespace(ns)
                .endSubject()
                .build())
        .create();
    return admin
        .serviceAccounts()
        .inNamespace(ns)
        .withName("ci")
        .tokenRequest(
            new TokenRequestBuilder().withNewSpec().withExpirationSeconds(600L).endSpec().build())
        .getStatus()
        .getToken();
  }

  /** GET {@code uri}, with {@code token} as bearer token when not null. */
  static HttpResponse<String> get(URI uri, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The running container of a release component ({@code controller}, {@code webhook}, ...). */
  static Container container(KubernetesClient client, String component) {
    String name = RELEASE + "-" + component;
    Deployment deployment = client.apps().deployments().inNamespace(NAMESPACE).withName(name).get();
    Pod pod =
        client
            .pods()
            .inNamespace(NAMESPACE)
            .withLabels(deployment.getSpec().getSelector().getMatchLabels())
            .list()
            .getItems()
            .stream()
            .filter(p -> "Running".equals(p.getStatus().getPhase()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no running pod of " + name));
    return new Container(client, pod, component, deployment);
  }

  /** One container of the release, to run commands in as {@code kubectl exec} does. */
  record Container(KubernetesClient client, Pod pod, String name, Deployment deployment) {
    /** Runs {@code command} in the container; its trimmed output (stdout and stderr). */
    String exec(String... command) {
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      try (ExecWatch watch =
          client
              .pods()
              .inNamespace(NAMESPACE)
              .withName(pod.getMetadata().getName())
              .inContainer(name)
              .writingOutput(output)
              .writingError(output)
              .exec(command)) {
        watch.exitCode().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("exec " + List.of(command) + " in " + name, e);
      }
      return output.toString(StandardCharsets.UTF_8).trim();
    }

    /** The memory limit the kernel enforces on the container (cgroup v2 or v1). */
    long memoryLimitBytes() {
      return Long.parseLong(
          exec(
              "sh",
              "-c",
              "cat /sys/fs/cgroup/memory.max 2>/dev/null"
                  + " || cat /sys/fs/cgroup/memory/memory.limit_in_bytes"));
    }

    /** The memory limit the chart declares for the container. */
    long declaredMemoryLimitBytes() {
      Quantity limit =
          deployment
              .getSpec()
              .getTemplate()
              .getSpec()
              .getContainers()
              .get(0)
              .getResources()
              .getLimits()
              .get("memory");
      return Quantity.getAmountInBytes(limit).longValueExact();
    }
  }
}
