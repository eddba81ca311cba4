package dev.c8s.deployment.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.testing.ControlPlane;
import dev.c8s.testing.ServiceIdentities;
import dev.c8s.testing.SharedControlPlane;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpecBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rendered RBAC, applied to a real kube-apiserver, allows and forbids what the chart claims.
 */
class ChartRbacIT {
  /** The Lease the controller competes for (the controller's LeaderElection.LEASE). */
  private static final String CONTROLLER_LEASE = "c8s-controller";

  private static final String PREFIX = "rbac-it";
  private static final List<Class<? extends HasMetadata>> RBAC_KINDS = ServiceIdentities.RBAC_KINDS;

  private static ControlPlane plane;
  private static KubernetesClient admin;
  private static Rendered rendered;
  private static String release;
  private static String team;

  @BeforeAll
  static void applyTheChartsRbac() {
    plane = SharedControlPlane.get(false);
    admin = plane.client();
    release = plane.newNamespace("c8s-release");
    team = plane.newNamespace("team");
    rendered = HelmChart.render(release, "fullnameOverride: " + PREFIX);
    for (Class<? extends HasMetadata> kind : RBAC_KINDS) {
      rendered.all(kind).forEach(o -> admin.resource(o).create());
    }
    admin
        .secrets()
        .inNamespace(team)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("db")
                .endMetadata()
                .addToStringData("password", "hunter2")
                .build())
        .create();
  }

  @AfterAll
  static void removeClusterWideObjects() {
    // the control plane is shared by the test JVM; namespaced objects go with their namespaces
    rendered.all(ClusterRoleBinding.class).forEach(o -> admin.resource(o).delete());
    rendered.all(ClusterRole.class).forEach(o -> admin.resource(o).delete());
  }

  @Test
  void controllerReadsRunsAndRunsJobsInAnyNamespace() {
    try (KubernetesClient controller = clientOf("controller")) {
      assertServed(controller.resources(PipelineRun.class).inNamespace(team).list());
      assertServed(controller.resources(PipelineConfig.class).inAnyNamespace().list());
      assertServed(controller.pods().inAnyNamespace().list());
      Job job = controller.resource(job("step-1")).create();
      assertThat(job.getMetadata().getUid()).isNotBlank();
      assertThat(controller.resource(job).delete()).isNotEmpty();
    }
  }

  @Test
  void controllerCannotListOrWatchSecretsButGetsOneByName() {
    try (KubernetesClient controller = clientOf("controller")) {
      assertForbidden(() -> controller.secrets().inNamespace(team).list());
      assertForbidden(() -> controller.secrets().inAnyNamespace().list());
      assertForbidden(() -> controller.secrets().inNamespace(team).watch(new Ignoring<>()).close());
      assertForbidden(() -> controller.secrets().inNamespace(team).withName("db").delete());
      // get by name is granted for log masking (decision 0024)
      assertThat(controller.secrets().inNamespace(team).withName("db").get().getData())
          .containsKey("password");
    }
  }

  @Test
  void controllerTakesAndRenewsItsLeaseOnlyInTheReleaseNamespace() {
    try (KubernetesClient controller = clientOf("controller")) {
      assertThat(controller.resource(lease(release)).create().getMetadata().getUid()).isNotBlank();
      // what the leader does every retry period, and what a standby does to take over
      Lease held =
          controller.resources(Lease.class).inNamespace(release).withName(CONTROLLER_LEASE).get();
      held.setSpec(new LeaseSpecBuilder().withHolderIdentity("c8s-controller-pod-b").build());
      assertThat(controller.resource(held).update().getSpec().getHolderIdentity())
          .isEqualTo("c8s-controller-pod-b");
      assertForbidden(() -> controller.resource(lease(team)).create());
      assertForbidden(() -> controller.resources(Lease.class).inNamespace(release).list());
    }
  }

  @Test
  void apiServerManagesC8sResourcesReadsButCannotListSecretsAndCannotCreateJobs() {
    try (KubernetesClient apiServer = clientOf("api-server")) {
      assertServed(apiServer.resources(PipelineRun.class).inAnyNamespace().list());
      assertServed(apiServer.pods().inNamespace(team).list());
      assertThat(apiServer.secrets().inNamespace(team).withName("db").get()).isNotNull();
      assertForbidden(() -> apiServer.secrets().inNamespace(team).list());
      assertForbidden(() -> apiServer.resource(job("api-made")).create());
    }
  }

  @Test
  void webhookCreatesRunsButCannotDeleteThemOrListSecrets() {
    try (KubernetesClient webhook = clientOf("webhook")) {
      assertServed(webhook.resources(PipelineConfig.class).inNamespace(team).list());
      assertThat(webhook.secrets().inNamespace(team).withName("db").get()).isNotNull();
      assertForbidden(() -> webhook.secrets().inNamespace(team).list());
      assertForbidden(
          () -> webhook.resources(PipelineRun.class).inNamespace(team).withName("x").delete());
      assertForbidden(() -> webhook.resource(job("hook-made")).create());
    }
  }

  @Test
  void everyRenderedObjectPassesServerSideValidation() {
    for (String values : List.of("", OptionalObjectsTest.EVERYTHING_ON)) {
      Rendered all = HelmChart.render(release, "fullnameOverride: dry-run\n" + values);
      // ServiceMonitor, Issuer and Certificate need CRDs this control plane does not have
      List<HasMetadata> typed =
          all.objects().stream().filter(o -> !(o instanceof GenericKubernetesResource)).toList();
      assertThat(typed).hasSizeGreaterThan(15);
      for (HasMetadata object : typed) {
        assertThat(admin.resource(object).dryRun().create())
            .as("%s %s", object.getKind(), object.getMetadata().getName())
            .isNotNull();
      }
    }
  }

  /** A client that authenticates as a chart ServiceAccount with a short-lived bound token. */
  private static KubernetesClient clientOf(String component) {
    String token =
        admin
            .serviceAccounts()
            .inNamespace(release)
            .withName(PREFIX + "-" + component)
            .tokenRequest(
                new TokenRequestBuilder()
                    .withNewSpec()
                    .withExpirationSeconds(600L)
                    .endSpec()
                    .build())
            .getStatus()
            .getToken();
    return ServiceIdentities.tokenClient(admin, token);
  }

  private static Job job(String name) {
    return new JobBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(team)
        .endMetadata()
        .withNewSpec()
        .withNewTemplate()
        .withNewSpec()
        .withRestartPolicy("Never")
        .addNewContainer()
        .withName("step")
        .withImage("busybox:1.37.0")
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private static Lease lease(String namespace) {
    return new LeaseBuilder()
        .withNewMetadata()
        .withName(CONTROLLER_LEASE)
        .withNamespace(namespace)
        .withLabels(Map.of("test", "rbac"))
        .endMetadata()
        .build();
  }

  /** A list the API server answered (it carries the collection's resourceVersion). */
  private static void assertServed(KubernetesResourceList<?> list) {
    assertThat(list.getMetadata().getResourceVersion()).isNotBlank();
  }

  private static void assertForbidden(ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(403));
  }

  /** A watcher for calls that must be refused before any event arrives. */
  private static final class Ignoring<T> implements Watcher<T> {
    @Override
    public void eventReceived(Action action, T resource) {}

    @Override
    public void onClose(WatcherException cause) {}
  }
}
