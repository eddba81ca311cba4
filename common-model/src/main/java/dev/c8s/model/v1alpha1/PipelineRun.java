package dev.c8s.model.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.crd.generator.annotation.AdditionalSelectableField;
import io.fabric8.crd.generator.annotation.PrinterColumnFormat;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** One execution of a PipelineConfig at a commit: its steps run as Kubernetes Jobs. */
@Group(C8s.GROUP)
@Version(C8s.VERSION)
@Kind("PipelineRun")
@Plural("pipelineruns")
@Singular("pipelinerun")
@ShortNames("pr")
// Enforced by the API server itself, so it holds for every writer and even with the admission
// webhook down (the webhook never sees status writes).
@ValidationRule(
    value =
        "!has(oldSelf.status) || !has(oldSelf.status.phase)"
            + " || !(oldSelf.status.phase in ['Succeeded', 'Failed', 'Cancelled'])"
            + " || self.spec == oldSelf.spec",
    message =
        "the spec of a finished run (Succeeded, Failed or Cancelled) cannot change; start a new run instead",
    reason = "FieldValueForbidden")
@AdditionalPrinterColumn(name = "Status", type = Type.STRING, jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "Config", type = Type.STRING, jsonPath = ".spec.pipelineConfigRef")
@AdditionalPrinterColumn(name = "Commit", type = Type.STRING, jsonPath = ".spec.commit")
@AdditionalPrinterColumn(
    name = "Age",
    type = Type.DATE,
    jsonPath = ".metadata.creationTimestamp",
    format = PrinterColumnFormat.NONE)
// Seed 001's run indexes, selectable by the API server itself (Kubernetes >= 1.31): the api-server
// filters by them and kubectl users can too, e.g. --field-selector status.phase=Failed.
@AdditionalSelectableField(jsonPath = RunFields.PHASE_PATH)
@AdditionalSelectableField(jsonPath = RunFields.PIPELINE_CONFIG_PATH)
@AdditionalSelectableField(jsonPath = RunFields.BRANCH_PATH)
@AdditionalSelectableField(jsonPath = RunFields.COMMIT_PATH)
public class PipelineRun extends CustomResource<PipelineRunSpec, PipelineRunStatus>
    implements Namespaced {

  // Overridden only to mark spec as required in the generated schema.
  @Override
  @Required
  public PipelineRunSpec getSpec() {
    return super.getSpec();
  }
}
