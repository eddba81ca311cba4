package dev.c8s.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The real Kueue admits suspended, labelled Jobs against its ClusterQueue's quota: of two one-CPU
 * Jobs under a one-CPU quota, the second waits suspended until the first has completed.
 */
class KueueServerIT {

  @Test
  void secondJobIsAdmittedOnlyOnceTheFirstHasFreedTheQuota() {
    ControlPlane plane = SharedControlPlane.get(true);
    KubernetesClient client = plane.client();
    try (KueueServer kueue = KueueServer.start(plane)) {
      String namespace = plane.newNamespace("kueue");
      assertThat(kueue.queue(namespace, "ci", "1", "1Gi")).isEqualTo(namespace);

      client.resource(job(namespace, "first")).create();
      client.resource(job(namespace, "second")).create();

      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> !suspended(get(client, namespace, "first")));
      assertThat(suspended(get(client, namespace, "second"))).isTrue();
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(workloadOf(client, namespace, "second"))
                      .extracting(w -> condition(w, "QuotaReserved"))
                      .satisfies(
                          c -> {
                            assertThat(c.get("status")).isEqualTo("False");
                            assertThat((String) c.get("message"))
                                .contains("insufficient unused quota for cpu");
                          }));

      // Read the second before the first: once the second is seen unsuspended, the first must
      // already have completed (a completed Job stays completed).
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                boolean secondAdmitted = !suspended(get(client, namespace, "second"));
                boolean firstComplete = complete(get(client, namespace, "first"));
                assertThat(!secondAdmitted || firstComplete)
                    .as("second unsuspended only after the first completed")
                    .isTrue();
                return secondAdmitted;
              });
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> complete(get(client, namespace, "second")));
    }
  }

  @Test
  void aRestartedKueueAdoptsTheQueuesTheFirstOneMade() {
    ControlPlane plane = SharedControlPlane.get(true);
    KubernetesClient client = plane.client();
    String namespace = plane.newNamespace("kueue-restart");
    try (KueueServer kueue = KueueServer.start(plane)) {
      kueue.queue(namespace, "ci", "1", "1Gi");
    }
    client.resource(job(namespace, "after-restart")).create();

    try (KueueServer kueue = KueueServer.start(plane)) {
      kueue.queue(namespace, "ci", "2", "1Gi");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> complete(get(client, namespace, "after-restart")));
    }
  }

  private static Job job(String namespace, String name) {
    return new JobBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .addToLabels(KueueServer.QUEUE_LABEL, "ci")
        .endMetadata()
        .withNewSpec()
        .withSuspend(true)
        .withBackoffLimit(0)
        .withNewTemplate()
        .withNewMetadata()
        .addToAnnotations("c8s.dev/kwok-duration", "3s")
        .endMetadata()
        .withNewSpec()
        .withRestartPolicy("Never")
        .addNewContainer()
        .withName("main")
        .withImage("busybox:1.36")
        .withCommand("sh", "-c", "echo " + name)
        .withNewResources()
        .addToRequests("cpu", new Quantity("1"))
        .endResources()
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private static Job get(KubernetesClient client, String namespace, String name) {
    return client.batch().v1().jobs().inNamespace(namespace).withName(name).get();
  }

  private static boolean suspended(Job job) {
    return Boolean.TRUE.equals(job.getSpec().getSuspend());
  }

  private static boolean complete(Job job) {
    return job.getStatus() != null
        && job.getStatus().getConditions() != null
        && job.getStatus().getConditions().stream()
            .anyMatch(c -> "Complete".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** The Workload Kueue made for the Job, found by owner (its name is derived and truncated). */
  private static GenericKubernetesResource workloadOf(
      KubernetesClient client, String namespace, String job) {
    String uid = get(client, namespace, job).getMetadata().getUid();
    return client
        .genericKubernetesResources(KueueServer.API_VERSION, "Workload")
        .inNamespace(namespace)
        .list()
        .getItems()
        .stream()
        .filter(
            w ->
                w.getMetadata().getOwnerReferences().stream().anyMatch(o -> uid.equals(o.getUid())))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no Workload for Job " + job + " yet"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> condition(GenericKubernetesResource workload, String type) {
    Object status = workload.getAdditionalProperties().get("status");
    List<Map<String, Object>> conditions =
        status instanceof Map<?, ?> s && s.get("conditions") instanceof List<?> list
            ? (List<Map<String, Object>>) list
            : List.of();
    return conditions.stream()
        .filter(c -> type.equals(c.get("type")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " condition yet"));
  }
}
