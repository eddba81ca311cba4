package dev.c8s.testing.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.c8s.testing.ServiceIdentities;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReview;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pods on the real node run in real containers, with real networking and real deadlines. */
class RealNodeE2E {
  private static RealNodeCluster cluster;
  private static KubernetesClient client;

  @BeforeAll
  static void startNode() {
    cluster = SharedRealNodeCluster.get();
    client = cluster.client();
  }

  @Test
  void stepContainerExitCodeAndLogComeFromARealContainerRunningAsNonRoot() {
    String ns = cluster.newNamespace("exit-code");
    Pod pod =
        run(
            ns,
            "exit-three",
            NodeImages.STEP,
            "echo hello; echo \"uid=$(id -u)\"; nosuchcommand; echo \"missing=$?\"; exit 3");

    Pod done = awaitPhase(ns, pod, "Failed", Duration.ofSeconds(60));

    assertThat(terminated(done).getExitCode()).isEqualTo(3);
    // Read through kube-apiserver, which fetches it from kubelet's log endpoint.
    String log = client.pods().inNamespace(ns).withName("exit-three").getLog();
    assertThat(log).contains("hello", "uid=1000", "missing=127");
  }

  @Test
  void podReachesAServerTheTestRunsOnTheHostAddress() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(cluster.hostAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body = "hello from the test JVM".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try {
      String ns = cluster.newNamespace("host-server");
      String url = "http://" + cluster.hostAddress() + ":" + server.getAddress().getPort() + "/";
      Pod pod = run(ns, "fetch", NodeImages.HELPER, "curl -fsS --max-time 10 " + url);

      awaitPhase(ns, pod, "Succeeded", Duration.ofSeconds(60));

      assertThat(client.pods().inNamespace(ns).withName("fetch").getLog())
          .contains("hello from the test JVM");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void podTryingAnAddressOffThisMachineFailsFast() {
    String ns = cluster.newNamespace("egress");
    Pod pod = run(ns, "outside", NodeImages.HELPER, "curl -sS --max-time 10 http://1.1.1.1:80/");

    Pod done = awaitPhase(ns, pod, "Failed", Duration.ofSeconds(60));

    ContainerStateTerminated end = terminated(done);
    // 7: could not connect (rejected at once); a timeout would be 28 after 10 s.
    assertThat(end.getExitCode()).isEqualTo(7);
    assertThat(
            Duration.between(Instant.parse(end.getStartedAt()), Instant.parse(end.getFinishedAt())))
        .isLessThanOrEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void jobPastItsActiveDeadlineIsKilled() {
    String ns = cluster.newNamespace("deadline");
    Job job =
        new JobBuilder()
            .withNewMetadata()
            .withName("sleeper")
            .endMetadata()
            .withNewSpec()
            .withActiveDeadlineSeconds(5L)
            .withBackoffLimit(0)
            .withNewTemplate()
            .withSpec(spec(NodeImages.STEP, "sleep 60"))
            .editSpec()
            // sh as PID 1 ignores SIGTERM; since 1.31 the Job turns Failed only once its pod is
            // gone, so the default 30 s grace period would be the Job's real deadline.
            .withTerminationGracePeriodSeconds(2L)
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();
    Instant created = Instant.now();
    client.batch().v1().jobs().inNamespace(ns).resource(job).create();

    await("the Job's DeadlineExceeded condition")
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                deadlineExceeded(
                    client.batch().v1().jobs().inNamespace(ns).withName("sleeper").get()));
    assertThat(Duration.between(created, Instant.now())).isLessThan(Duration.ofSeconds(20));
    await("the Job's pod stopped")
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                client
                    .pods()
                    .inNamespace(ns)
                    .withLabel("job-name", "sleeper")
                    .list()
                    .getItems()
                    .stream()
                    .noneMatch(p -> "Running".equals(p.getStatus().getPhase())));
  }

  @Test
  void podAuthenticatesThroughTheKubernetesServiceWithItsServiceAccountToken() {
    String ns = cluster.newNamespace("token");
    String sa = "/var/run/secrets/kubernetes.io/serviceaccount";
    // kube-proxy's ClusterIP rules, the serving certificate's SANs, ServiceAccount admission and
    // token signing, all at once: what c8s's own pods will need on this node.
    String script =
        "curl -fsS --max-time 10 --cacert "
            + sa
            + "/ca.crt -H \"Authorization: Bearer $(cat "
            + sa
            + "/token)\" -H 'Content-Type: application/json' -X POST -d"
            + " '{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"SelfSubjectReview\"}'"
            + " https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT"
            + "/apis/authentication.k8s.io/v1/selfsubjectreviews";
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName("whoami")
            .endMetadata()
            .withSpec(spec(NodeImages.HELPER, script))
            .editSpec()
            .withAutomountServiceAccountToken(true)
            .endSpec()
            .build();
    client.pods().inNamespace(ns).resource(pod).create();

    awaitPhase(ns, pod, "Succeeded", Duration.ofSeconds(60));

    assertThat(client.pods().inNamespace(ns).withName("whoami").getLog())
        .contains("system:serviceaccount:" + ns + ":default");
  }

  @Test
  void serviceUnderTestAuthenticatesAsItsChartServiceAccount() {
    try (KubernetesClient controller =
        cluster.identities().client(ServiceIdentities.Service.CONTROLLER)) {
      SelfSubjectReview review =
          controller.authentication().v1().selfSubjectReviews().create(new SelfSubjectReview());

      assertThat(review.getStatus().getUserInfo().getUsername())
          .isEqualTo(ServiceIdentities.Service.CONTROLLER.userName());
    }
    assertThat(cluster.quarkusClientProperties(ServiceIdentities.Service.CONTROLLER))
        .containsEntry(
            "quarkus.kubernetes-client.api-server-url", client.getMasterUrl().toString());
  }

  private static boolean deadlineExceeded(Job job) {
    return job != null
        && job.getStatus() != null
        && job.getStatus().getConditions() != null
        && job.getStatus().getConditions().stream()
            .anyMatch(
                c ->
                    "Failed".equals(c.getType())
                        && "True".equals(c.getStatus())
                        && "DeadlineExceeded".equals(c.getReason()));
  }

  private static Pod run(String ns, String name, String image, String script) {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .endMetadata()
            .withSpec(spec(image, script))
            .build();
    return client.pods().inNamespace(ns).resource(pod).create();
  }

  /**
   * A one-container pod on the real node, locked down like c8s's step Jobs: a non-root user the
   * image does not know, no capabilities, the runtime's default seccomp profile.
   */
  private static PodSpec spec(String image, String script) {
    return new PodSpecBuilder()
        .withRestartPolicy("Never")
        .withNodeSelector(cluster.nodeSelector())
        .withAutomountServiceAccountToken(false)
        .addNewContainer()
        .withName("step")
        .withImage(image)
        .withCommand("sh", "-c", script)
        .withNewSecurityContext()
        .withRunAsUser(1000L)
        .withRunAsNonRoot(true)
        .withAllowPrivilegeEscalation(false)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .endSecurityContext()
        .endContainer()
        .build();
  }

  private static Pod awaitPhase(String ns, Pod pod, String phase, Duration timeout) {
    String name = pod.getMetadata().getName();
    await(name + " " + phase)
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                phase.equals(
                    client.pods().inNamespace(ns).withName(name).get().getStatus().getPhase()));
    return client.pods().inNamespace(ns).withName(name).get();
  }

  private static ContainerStateTerminated terminated(Pod pod) {
    return pod.getStatus().getContainerStatuses().getFirst().getState().getTerminated();
  }
}
