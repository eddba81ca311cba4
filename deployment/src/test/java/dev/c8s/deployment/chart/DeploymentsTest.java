package dev.c8s.deployment.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The three Deployments: health probes, seed 000 limits, restricted pods and pinned images. */
class DeploymentsTest {
  private static final Rendered DEFAULTS = HelmChart.render("");

  @ParameterizedTest
  @ValueSource(strings = {"controller", "api-server", "webhook"})
  void probesAskQuarkusHealthOnTheNamedHttpPort(String component) {
    Container container = DEFAULTS.container(component);

    assertThat(container.getPorts())
        .anySatisfy(
            p -> {
              assertThat(p.getName()).isEqualTo("http");
              assertThat(p.getContainerPort()).isEqualTo(8080);
            });
    assertProbe(container.getLivenessProbe(), "/q/health/live");
    assertProbe(container.getReadinessProbe(), "/q/health/ready");
    assertProbe(container.getStartupProbe(), "/q/health/started");
  }

  @ParameterizedTest
  @ValueSource(strings = {"api-server", "webhook"})
  void servicesThatTakeTrafficKeepServingFiveSecondsAfterTerminationStarts(String component) {
    Container container = DEFAULTS.container(component);

    assertThat(container.getLifecycle().getPreStop().getSleep().getSeconds()).isEqualTo(5L);
    assertThat(HelmChart.render("drainSeconds: 0").container(component).getLifecycle()).isNull();
  }

  @Test
  void theControllerTakesNoTrafficAndStopsAtOnce() {
    assertThat(DEFAULTS.container("controller").getLifecycle()).isNull();
  }

  @ParameterizedTest
  @CsvSource({"controller, 500m, 512Mi", "api-server, 500m, 512Mi", "webhook, 500m, 256Mi"})
  void limitsAreSeed000sAndRequestsStayWithinThem(String component, String cpu, String memory) {
    ResourceRequirements resources = DEFAULTS.container(component).getResources();

    assertThat(resources.getLimits())
        .containsEntry("cpu", new Quantity(cpu))
        .containsEntry("memory", new Quantity(memory));
    for (String resource : List.of("cpu", "memory")) {
      Quantity request = resources.getRequests().get(resource);
      assertThat(request).as("%s request", resource).isNotNull();
      assertThat(request.getNumericalAmount())
          .isPositive()
          .isLessThanOrEqualTo(resources.getLimits().get(resource).getNumericalAmount());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"controller", "api-server", "webhook"})
  void podsMeetTheRestrictedPodSecurityStandard(String component) {
    PodSpec pod = DEFAULTS.deployment(component).getSpec().getTemplate().getSpec();
    Container container = DEFAULTS.container(component);

    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(1001L);
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(container.getSecurityContext().getCapabilities().getAdd()).isNullOrEmpty();
    assertThat(container.getSecurityContext().getPrivileged()).isNotEqualTo(Boolean.TRUE);
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
    assertThat(pod.getServiceAccountName()).isEqualTo(HelmChart.RELEASE + "-" + component);
    // a read-only root filesystem needs somewhere to write: /tmp is an emptyDir
    assertThat(container.getVolumeMounts())
        .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
    assertThat(pod.getVolumes())
        .anySatisfy(
            v -> {
              assertThat(v.getName()).isEqualTo("tmp");
              assertThat(v.getEmptyDir()).isNotNull();
            });
  }

  @ParameterizedTest
  @CsvSource({"controller, c8s-controller", "api-server, c8s-api-server", "webhook, c8s-webhook"})
  void imagesComeFromTheRegistryTaggedWithTheAppVersion(String component, String image) {
    assertThat(DEFAULTS.container(component).getImage()).isEqualTo("c8s-dev/" + image + ":0.1.0");
    assertThat(
            HelmChart.render("image: {registry: registry.example.com/ci, tag: 1.2.3}")
                .container(component)
                .getImage())
        .isEqualTo("registry.example.com/ci/" + image + ":1.2.3");
  }

  @Test
  void noRenderingMentionsALatestTagOrAnUnpinnedImage() {
    Pattern latest = Pattern.compile(":latest\\b", Pattern.CASE_INSENSITIVE);
    for (Rendered rendered :
        List.of(DEFAULTS, HelmChart.render(OptionalObjectsTest.EVERYTHING_ON))) {
      assertThat(latest.matcher(rendered.manifest()).find()).isFalse();
      for (Deployment deployment : rendered.all(Deployment.class)) {
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers())
            .allSatisfy(c -> assertThat(c.getImage()).matches(".+:[0-9][0-9A-Za-z.+-]*"));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"controller", "api-server", "webhook"})
  void everyServiceRollsOutWithoutDroppingBelowItsReplicas(String component) {
    DeploymentStrategy strategy = DEFAULTS.deployment(component).getSpec().getStrategy();

    // the controller too: leader election keeps the overlapping old and new pod from both acting
    assertThat(strategy.getType()).isEqualTo("RollingUpdate");
    assertThat(strategy.getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
    assertThat(strategy.getRollingUpdate().getMaxSurge().getIntVal()).isEqualTo(1);
  }

  @Test
  void controllerRunsOneReplicaByDefaultAndStandbysOnRequest() {
    assertThat(DEFAULTS.deployment("controller").getSpec().getReplicas()).isEqualTo(1);
    assertThat(HelmChart.render("controller: {replicas: 3}").deployment("controller"))
        .satisfies(d -> assertThat(d.getSpec().getReplicas()).isEqualTo(3))
        .satisfies(d -> assertThat(d.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"controller", "api-server", "webhook"})
  void eachServiceSelectsExactlyItsOwnPodsOnPortHttp(String component) {
    Service service = DEFAULTS.one(Service.class, HelmChart.RELEASE + "-" + component);
    Deployment deployment = DEFAULTS.deployment(component);

    assertThat(service.getSpec().getSelector())
        .isEqualTo(deployment.getSpec().getSelector().getMatchLabels())
        .containsEntry("app.kubernetes.io/component", component);
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(service.getSpec().getSelector());
    assertThat(service.getSpec().getPorts())
        .anySatisfy(p -> assertThat(p.getTargetPort().getStrVal()).isEqualTo("http"));
  }

  private static void assertProbe(Probe probe, String path) {
    assertThat(probe).as(path).isNotNull();
    assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
    assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
  }
}
