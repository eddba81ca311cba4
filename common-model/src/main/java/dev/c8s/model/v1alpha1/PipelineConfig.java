package dev.c8s.model.v1alpha1;

import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** A CI pipeline: the repository it builds and the steps, dependencies and limits of each run. */
@Group(C8s.GROUP)
@Version(C8s.VERSION)
@Kind("PipelineConfig")
@Plural("pipelineconfigs")
@Singular("pipelineconfig")
@ShortNames("pc")
public class PipelineConfig extends CustomResource<PipelineConfigSpec, PipelineConfigStatus>
    implements Namespaced {

  // Overridden only to mark spec as required in the generated schema.
  @Override
  @Required
  public PipelineConfigSpec getSpec() {
    return super.getSpec();
  }
}
