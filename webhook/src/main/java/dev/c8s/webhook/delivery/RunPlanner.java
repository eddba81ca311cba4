package dev.c8s.webhook.delivery;

import dev.c8s.model.engine.MatrixExpansion;
import dev.c8s.model.v1alpha1.BranchGlob;
import dev.c8s.model.v1alpha1.C8s;
import dev.c8s.model.v1alpha1.NewRun;
import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PipelineRunSpec;
import dev.c8s.webhook.delivery.EventMeaning.BranchPush;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Decides which PipelineRuns a verified push starts for one PipelineConfig; no I/O. */
public final class RunPlanner {
  /** Annotation on a run: the provider's id of the delivery that started it. */
  public static final String DELIVERY_ANNOTATION = C8s.GROUP + "/delivery-id";

  /** Annotation on a run: the provider that sent the delivery. */
  public static final String PROVIDER_ANNOTATION = C8s.GROUP + "/provider";

  /** Annotation on a run: the RepositoryConnection whose secret verified the delivery. */
  public static final String CONNECTION_ANNOTATION = C8s.GROUP + "/repository-connection";

  private static final List<String> ALL_BRANCHES = List.of("*");

  private RunPlanner() {}

  /** Who and what caused the runs: the delivery, its provider, the pusher and the time. */
  public record Trigger(
      String deliveryId, String provider, String connection, String pusher, Instant at) {}

  /** Whether {@code branch} passes the config's {@code spec.branches} (default {@code ["*"]}). */
  public static boolean branchMatches(PipelineConfig config, String branch) {
    List<String> globs =
        config.getSpec() == null || config.getSpec().getBranches() == null
            ? ALL_BRANCHES
            : config.getSpec().getBranches();
    return globs.stream().anyMatch(glob -> BranchGlob.matches(glob, branch));
  }

  /**
   * One run per matrix combination of {@code config} for {@code push}, named by {@link RunNames}
   * with hashes of {@code hashLength}; call {@link #branchMatches} first.
   */
  public static List<PipelineRun> runs(
      PipelineConfig config, BranchPush push, Trigger trigger, int hashLength) {
    List<PipelineRun> runs = new ArrayList<>();
    String configName = config.getMetadata().getName();
    for (Map<String, String> combination :
        MatrixExpansion.combinations(config.getSpec().getMatrix())) {
      PipelineRun run =
          new NewRun(
                  config.getMetadata().getNamespace(),
                  configName,
                  push.commit(),
                  push.branch(),
                  trigger.pusher(),
                  trigger.at(),
                  combination)
              .build();
      run.getMetadata()
          .setName(
              RunNames.of(
                  configName,
                  trigger.deliveryId(),
                  push.branch(),
                  push.commit(),
                  combination,
                  hashLength));
      Map<String, String> annotations = run.getMetadata().getAnnotations();
      annotations.put(DELIVERY_ANNOTATION, trigger.deliveryId());
      annotations.put(PROVIDER_ANNOTATION, trigger.provider());
      annotations.put(CONNECTION_ANNOTATION, trigger.connection());
      runs.add(run);
    }
    return runs;
  }

  /** Whether {@code existing} is the run {@code wanted} describes, so a name clash is a repeat. */
  public static boolean sameRun(PipelineRun existing, PipelineRun wanted) {
    Map<String, String> annotations = existing.getMetadata().getAnnotations();
    PipelineRunSpec has = existing.getSpec();
    PipelineRunSpec want = wanted.getSpec();
    return annotations != null
        && wanted
            .getMetadata()
            .getAnnotations()
            .get(DELIVERY_ANNOTATION)
            .equals(annotations.get(DELIVERY_ANNOTATION))
        && has != null
        && want.getCommit().equals(has.getCommit())
        && want.getPipelineConfigRef().equals(has.getPipelineConfigRef())
        && String.valueOf(want.getBranch()).equals(String.valueOf(has.getBranch()))
        && (want.getMatrixIndex() == null ? Map.of() : want.getMatrixIndex())
            .equals(has.getMatrixIndex() == null ? Map.of() : has.getMatrixIndex());
  }
}
