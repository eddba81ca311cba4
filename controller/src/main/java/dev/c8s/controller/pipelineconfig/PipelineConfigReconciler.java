package dev.c8s.controller.pipelineconfig;

import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineConfigStatus;
import dev.c8s.model.v1alpha1.PipelineRun;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Keeps {@code PipelineConfig.status} (lastRun, totalRuns, successRate) in step with its runs. */
@ControllerConfiguration(name = "pipelineconfig")
public class PipelineConfigReconciler implements Reconciler<PipelineConfig> {
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  @Override
  public List<EventSource<?, PipelineConfig>> prepareEventSources(
      EventSourceContext<PipelineConfig> context) {
    var runs =
        InformerEventSourceConfiguration.from(PipelineRun.class, PipelineConfig.class)
            .withName("runs-of-config")
            .withSecondaryToPrimaryMapper(
                run ->
                    Set.of(
                        new ResourceID(
                            run.getSpec().getPipelineConfigRef(),
                            run.getMetadata().getNamespace())))
            .withPrimaryToSecondaryMapper((PipelineConfig config) -> Set.of())
            .build();
    return List.of(new InformerEventSource<>(runs, context));
  }

  @Override
  @SuppressWarnings("unchecked")
  public UpdateControl<PipelineConfig> reconcile(
      PipelineConfig config, Context<PipelineConfig> context) {
    InformerEventSource<PipelineRun, PipelineConfig> runs =
        (InformerEventSource<PipelineRun, PipelineConfig>)
            context.eventSourceRetriever().getEventSourceFor(PipelineRun.class, "runs-of-config");
    List<PipelineRun> mine =
        runs.list(
                config.getMetadata().getNamespace(),
                r ->
                    Objects.equals(
                        r.getSpec().getPipelineConfigRef(), config.getMetadata().getName()))
            .toList();
    PipelineConfigStatus status = RunStatistics.of(mine);
    if (config.getStatus() != null && JSON.asJson(config.getStatus()).equals(JSON.asJson(status))) {
      return UpdateControl.noUpdate();
    }
    PipelineConfig patch = new PipelineConfig();
    patch.setMetadata(config.getMetadata());
    patch.setStatus(status);
    return UpdateControl.patchStatus(patch);
  }
}
