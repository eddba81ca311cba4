package dev.c8s.model.crd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.c8s.model.kubernetes.RunFieldSupport;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PipelineRunSpec;
import dev.c8s.model.v1alpha1.PipelineRunStatus;
import dev.c8s.model.v1alpha1.RunFields;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.testing.ControlPlane;
import dev.c8s.testing.SharedControlPlane;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.SelectableField;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The PipelineRun CRD's selectable fields in a real kube-apiserver: runs are selected exactly by
 * phase, PipelineConfig, branch and commit, and {@link RunFieldSupport} tells a CRD with them from
 * one without (an older release's, which Helm never upgrades).
 */
class RunFieldSelectionIT {
  private static final String CRD = "pipelineruns.c8s.dev";

  private static KubernetesClient client;
  private static String namespace;

  @BeforeAll
  static void startControlPlane() {
    ControlPlane plane = SharedControlPlane.get(false);
    client = plane.client();
    namespace = plane.newNamespace("fields");
    create("failed", "web", "a,b=c\\d", "abc1234", RunPhase.Failed);
    create("running", "web", "main", "abc1234", RunPhase.Running);
    create("other", "api", "main", "def5678", RunPhase.Running);
    create("new", "web", "main", "def5678", null);
  }

  @Test
  void runsAreSelectedByPhase() {
    assertThat(names(RunFields.phaseSelector(RunPhase.Running)))
        .containsExactly("other", "running");
    assertThat(names(RunFields.phaseSelector(RunPhase.Failed))).containsExactly("failed");
    assertThat(names(RunFields.phaseSelector(RunPhase.Succeeded))).isEmpty();
  }

  @Test
  void aRunWithoutAPhaseIsSelectedAsPending() {
    assertThat(names(RunFields.phaseSelector(RunPhase.Pending))).containsExactly("new");
  }

  @Test
  void runsAreSelectedByConfigBranchAndCommitTogether() {
    String selector =
        String.join(
            ",",
            RunFields.equalTo(RunFields.PIPELINE_CONFIG, "web"),
            RunFields.equalTo(RunFields.BRANCH, "main"),
            RunFields.equalTo(RunFields.COMMIT, "def5678"));
    assertThat(names(selector)).containsExactly("new");
  }

  @Test
  void aBranchWithCommasEqualsSignsAndBackslashesIsSelectedExactly() {
    assertThat(names(RunFields.equalTo(RunFields.BRANCH, "a,b=c\\d"))).containsExactly("failed");
  }

  @Test
  void theProbeTellsTheCrdOfThisReleaseFromOneWithoutSelectableFields() {
    assertThat(new RunFieldSupport(client).getAsBoolean()).isTrue();
    List<SelectableField> fields = crd().getSpec().getVersions().get(0).getSelectableFields();
    try {
      editFields(null);
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThatThrownBy(() -> names(RunFields.phaseSelector(RunPhase.Failed)))
                      .isInstanceOfSatisfying(
                          KubernetesClientException.class,
                          e -> assertThat(e.getCode()).isEqualTo(400)));
      assertThat(new RunFieldSupport(client).getAsBoolean()).isFalse();
    } finally {
      editFields(fields);
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .untilAsserted(
              () -> assertThat(names(RunFields.phaseSelector(RunPhase.Failed))).hasSize(1));
    }
  }

  private static CustomResourceDefinition crd() {
    return client.apiextensions().v1().customResourceDefinitions().withName(CRD).get();
  }

  private static void editFields(List<SelectableField> fields) {
    client
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .withName(CRD)
        .edit(
            crd -> {
              crd.getSpec().getVersions().forEach(v -> v.setSelectableFields(fields));
              return crd;
            });
  }

  private static List<String> names(String fieldSelector) {
    return client
        .resources(PipelineRun.class)
        .inNamespace(namespace)
        .list(new ListOptionsBuilder().withFieldSelector(fieldSelector).build())
        .getItems()
        .stream()
        .map(r -> r.getMetadata().getName())
        .sorted()
        .toList();
  }

  private static void create(
      String name, String config, String branch, String commit, RunPhase phase) {
    PipelineRun run = new PipelineRun();
    run.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    PipelineRunSpec spec = new PipelineRunSpec();
    spec.setPipelineConfigRef(config);
    spec.setBranch(branch);
    spec.setCommit(commit);
    run.setSpec(spec);
    PipelineRun created = client.resource(run).create();
    if (phase != null) {
      PipelineRunStatus status = new PipelineRunStatus();
      status.setPhase(phase);
      created.setStatus(status);
      client.resource(created).updateStatus();
    }
  }
}
