package dev.c8s.controller.forge;

import dev.c8s.model.v1alpha1.CommitStatusReport;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PipelineRunStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Objects;

/**
 * Writes a run's {@code status.commitStatus} as a field manager of its own, so the run's
 * reconciliation, which applies the rest of the status, never overwrites it (nor the other way).
 */
@ApplicationScoped
public class CommitStatusRecords {
  /** The field manager owning {@code status.commitStatus}. */
  public static final String FIELD_MANAGER = "c8s-commit-status";

  private final KubernetesClient client;

  CommitStatusRecords(KubernetesClient client) {
    this.client = client;
  }

  /** Records {@code record} on the run {@code namespace/name}. */
  void write(String namespace, String name, CommitStatusReport record) {
    PipelineRun patch = new PipelineRun();
    patch.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    PipelineRunStatus status = new PipelineRunStatus();
    status.setCommitStatus(record);
    patch.setStatus(status);
    client
        .resource(patch)
        .subresource("status")
        .patch(
            new PatchContext.Builder()
                .withPatchType(PatchType.SERVER_SIDE_APPLY)
                .withFieldManager(FIELD_MANAGER)
                .withForce(true)
                .build());
  }

  /** Whether {@code recorded} already shows what {@code report} says (its link may differ). */
  static boolean shows(CommitStatusReport recorded, CommitReport report) {
    return recorded != null
        && recorded.getReportedAt() != null
        && recorded.getPhase() == report.phase()
        && Objects.equals(recorded.getContext(), report.context())
        && Objects.equals(recorded.getDescription(), report.description());
  }
}
