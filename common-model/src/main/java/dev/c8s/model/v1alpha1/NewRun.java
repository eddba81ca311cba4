package dev.c8s.model.v1alpha1;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A PipelineRun about to be created from a trigger (a push, an API request, a rerun), the same for
 * every service that creates runs: its labels and spec; the caller names it and annotates why.
 *
 * @param namespace the PipelineConfig's namespace
 * @param config the PipelineConfig's name
 * @param commit the commit to build
 * @param branch the branch it was pushed to, or null
 * @param triggeredBy who caused the run (pusher, API user)
 * @param at when
 * @param combination the matrix combination; empty without a matrix
 */
public record NewRun(
    String namespace,
    String config,
    String commit,
    String branch,
    String triggeredBy,
    Instant at,
    Map<String, String> combination) {

  /** The run, without a name: set {@code metadata.name} or {@code generateName}. */
  public PipelineRun build() {
    PipelineRun run = new PipelineRun();
    run.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace(namespace)
            .addToLabels(C8s.LABEL_PIPELINE_CONFIG, LabelValues.of(config))
            .addToLabels(C8s.LABEL_MANAGED_BY, C8s.MANAGED_BY)
            .withAnnotations(new LinkedHashMap<>())
            .build());
    PipelineRunSpec spec = new PipelineRunSpec();
    spec.setPipelineConfigRef(config);
    spec.setCommit(commit);
    spec.setBranch(branch);
    spec.setTriggeredBy(triggeredBy);
    spec.setTriggeredAt(at);
    spec.setMatrixIndex(
        combination == null || combination.isEmpty() ? null : new LinkedHashMap<>(combination));
    run.setSpec(spec);
    return run;
  }

  /** Makes {@code run} a run of {@code pullRequest}: its spec field and its label. */
  public static void ofPullRequest(PipelineRun run, PullRequest pullRequest) {
    if (pullRequest == null) {
      return;
    }
    run.getSpec().setPullRequest(pullRequest);
    run.getMetadata()
        .getLabels()
        .put(C8s.LABEL_PULL_REQUEST, String.valueOf(pullRequest.getNumber()));
  }
}
