package dev.c8s.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Jobs really run on the test control plane: they complete, fail on request, and are collected. */
class ControlPlaneIT {
  private static ControlPlane plane;
  private static KubernetesClient client;
  private static String namespace;

  @BeforeAll
  static void start() {
    plane = SharedControlPlane.get(true);
    client = plane.client();
    namespace = plane.newNamespace("workloads");
  }

  @Test
  void apiServerReportsThePinnedVersion() {
    assertThat(client.getKubernetesVersion().getGitVersion())
        .isEqualTo("v" + ControlPlaneBinaries.version());
  }

  @Test
  void jobReachesCompleteThroughControllerManagerSchedulerAndKwok() {
    Job job = client.resource(job("completes", Map.of())).create();
    Job done = waitForCondition(job, "Complete");
    assertThat(done.getStatus().getSucceeded()).isEqualTo(1);
  }

  @Test
  void jobWhosePodAsksForAnExitCodeFailsWithThatExitCode() {
    Job job = client.resource(job("fails", Map.of("c8s.dev/kwok-exit-code", "3"))).create();
    waitForCondition(job, "Failed");
    Pod pod = podsOf("fails").get(0);
    assertThat(pod.getStatus().getPhase()).isEqualTo("Failed");
    assertThat(
            pod.getStatus().getContainerStatuses().get(0).getState().getTerminated().getExitCode())
        .isEqualTo(3);
  }

  @Test
  void deletingTheOwnerGarbageCollectsItsJobsAndPods() {
    ConfigMap owner =
        client
            .resource(
                new ConfigMapBuilder()
                    .withNewMetadata()
                    .withName("owner")
                    .withNamespace(namespace)
                    .endMetadata()
                    .build())
            .create();
    Job job = job("owned", Map.of("c8s.dev/kwok-duration", "1h"));
    job.getMetadata()
        .getOwnerReferences()
        .add(
            new io.fabric8.kubernetes.api.model.OwnerReferenceBuilder()
                .withApiVersion("v1")
                .withKind("ConfigMap")
                .withName("owner")
                .withUid(owner.getMetadata().getUid())
                .build());
    client.resource(job).create();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                podsOf("owned").stream().anyMatch(p -> "Running".equals(p.getStatus().getPhase())));

    client.resource(owner).delete();

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              assertThat(client.batch().v1().jobs().inNamespace(namespace).withName("owned").get())
                  .isNull();
              assertThat(podsOf("owned")).isEmpty();
            });
  }

  private Job waitForCondition(Job job, String type) {
    return client
        .resource(job)
        .waitUntilCondition(
            j ->
                j != null
                    && j.getStatus() != null
                    && j.getStatus().getConditions() != null
                    && j.getStatus().getConditions().stream()
                        .anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus())),
            90,
            TimeUnit.SECONDS);
  }

  private List<Pod> podsOf(String jobName) {
    return client
        .pods()
        .inNamespace(namespace)
        .withLabel("batch.kubernetes.io/job-name", jobName)
        .list()
        .getItems();
  }

  private static Job job(String name, Map<String, String> podAnnotations) {
    return new JobBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .endMetadata()
        .withNewSpec()
        .withBackoffLimit(0)
        .withNewTemplate()
        .withNewMetadata()
        .withAnnotations(podAnnotations)
        .endMetadata()
        .withNewSpec()
        .withRestartPolicy("Never")
        .addNewContainer()
        .withName("main")
        .withImage("busybox:1.36")
        .withCommand("sh", "-c", "echo " + name)
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }
}
