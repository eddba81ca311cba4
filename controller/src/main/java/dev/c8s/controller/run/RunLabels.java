package dev.c8s.controller.run;

import dev.c8s.model.kubernetes.RunFieldSupport;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RunIndexLabels;
import dev.c8s.model.v1alpha1.RunPhase;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Keeps a run's index labels ({@link RunIndexLabels}) current: one merge patch when they change. No
 * phase label is added where the cluster selects runs by field (decision 0086).
 */
@ApplicationScoped
class RunLabels {
  private final RunFieldSupport fields;

  RunLabels(KubernetesClient client) {
    this.fields = new RunFieldSupport(client);
  }

  /** Labels {@code run} for {@code phase} unless it already is; the answer goes to the cache. */
  void keep(PipelineRun run, RunPhase phase, Context<PipelineRun> context) {
    Map<String, String> outdated = RunIndexLabels.outdated(run, phase, fields.getAsBoolean());
    if (outdated.isEmpty()) {
      return;
    }
    String patch = Serialization.asJson(Map.of("metadata", Map.of("labels", outdated)));
    // Cached and filtered like the status write, so the label change starts no extra pass.
    context
        .resourceOperations()
        .resourcePatch(
            run,
            // Through the run itself: patching by name alone makes fabric8 GET the run first.
            r ->
                context.getClient().resource(r).patch(PatchContext.of(PatchType.JSON_MERGE), patch),
            context.eventSourceRetriever().getControllerEventSource());
  }
}
