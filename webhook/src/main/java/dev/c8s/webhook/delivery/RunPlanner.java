package dev.c8s.webhook.delivery;

import dev.c8s.model.engine.MatrixExpansion;
import dev.c8s.model.v1alpha1.BranchGlob;
import dev.c8s.model.v1alpha1.C8s;
import dev.c8s.model.v1alpha1.NewRun;
import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PipelineRunSpec;
import dev.c8s.model.v1alpha1.PullRequest;
import dev.c8s.model.v1alpha1.RunNames;
import dev.c8s.webhook.delivery.EventMeaning.BranchPush;
import dev.c8s.webhook.delivery.EventMeaning.PullRequestChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Decides which PipelineRuns a verified push or pull request starts for one config; no I/O. */
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

  /**
   * One commit to build.
   *
   * @param filterBranch the branch {@code spec.branches} is matched against: the pushed branch, or
   *     the branch a pull request merges into
   * @param branch the run's {@code spec.branch}: the pushed branch, a pull request's head branch,
   *     or null for a fork's (it is not a branch of the repository built)
   * @param commit the commit
   * @param pullRequest the pull request, or null for a push
   * @param key what names the runs instead of the delivery or pull request (a comment's command),
   *     or null
   */
  public record Build(
      String filterBranch, String branch, String commit, PullRequest pullRequest, String key) {
    /** A pushed branch. */
    public static Build of(BranchPush push) {
      return new Build(push.branch(), push.branch(), push.commit(), null, null);
    }

    /** A pull request's head commit. */
    public static Build of(PullRequestChange change) {
      PullRequest pr = change.pullRequest();
      return new Build(
          pr.getBaseBranch(),
          pr.fromFork() ? null : pr.getHeadBranch(),
          change.headCommit(),
          pr,
          null);
    }

    /** The same build, its runs named by {@code key}: another run of the same head. */
    public Build keyed(String key) {
      return new Build(filterBranch, branch, commit, pullRequest, key);
    }

    /**
     * What names the runs besides the commit: the delivery for a push (each push is built); the
     * pull request for a pull request, so that redeliveries, reopenings and updates without new
     * commits find the run of that head instead of starting another.
     */
    String identity(String deliveryId) {
      if (key != null) {
        return key;
      }
      return pullRequest == null ? deliveryId : "pull-request/" + pullRequest.getNumber();
    }
  }

  /** Whether {@code branch} passes the config's {@code spec.branches} (default {@code ["*"]}). */
  public static boolean branchMatches(PipelineConfig config, String branch) {
    List<String> globs =
        config.getSpec() == null || config.getSpec().getBranches() == null
            ? ALL_BRANCHES
            : config.getSpec().getBranches();
    return globs.stream().anyMatch(glob -> BranchGlob.matches(glob, branch));
  }

  /**
   * One run per matrix combination of {@code config} for {@code build}, named by {@link RunNames}
   * with hashes of {@code hashLength}; call {@link #branchMatches} first.
   */
  public static List<PipelineRun> runs(
      PipelineConfig config, Build build, Trigger trigger, int hashLength) {
    List<PipelineRun> runs = new ArrayList<>();
    String configName = config.getMetadata().getName();
    for (Map<String, String> combination :
        MatrixExpansion.combinations(config.getSpec().getMatrix())) {
      PipelineRun run =
          new NewRun(
                  config.getMetadata().getNamespace(),
                  configName,
                  build.commit(),
                  build.branch(),
                  trigger.pusher(),
                  trigger.at(),
                  combination)
              .build();
      run.getMetadata()
          .setName(
              RunNames.of(
                  configName,
                  build.identity(trigger.deliveryId()),
                  build.branch() == null ? "" : build.branch(),
                  build.commit(),
                  combination,
                  hashLength));
      Map<String, String> annotations = run.getMetadata().getAnnotations();
      annotations.put(DELIVERY_ANNOTATION, trigger.deliveryId());
      annotations.put(PROVIDER_ANNOTATION, trigger.provider());
      annotations.put(CONNECTION_ANNOTATION, trigger.connection());
      NewRun.ofPullRequest(run, build.pullRequest());
      runs.add(run);
    }
    return runs;
  }

  /**
   * Whether {@code existing} is the run {@code wanted} describes, so a name clash is a repeat: the
   * same delivery of a push, or the same pull request and head commit.
   */
  public static boolean sameRun(PipelineRun existing, PipelineRun wanted) {
    Map<String, String> annotations = existing.getMetadata().getAnnotations();
    PipelineRunSpec has = existing.getSpec();
    PipelineRunSpec want = wanted.getSpec();
    if (has == null || annotations == null) {
      return false;
    }
    boolean sameTrigger =
        want.getPullRequest() == null
            ? wanted
                .getMetadata()
                .getAnnotations()
                .get(DELIVERY_ANNOTATION)
                .equals(annotations.get(DELIVERY_ANNOTATION))
            : has.getPullRequest() != null
                && want.getPullRequest().getNumber().equals(has.getPullRequest().getNumber());
    return sameTrigger
        && want.getCommit().equals(has.getCommit())
        && want.getPipelineConfigRef().equals(has.getPipelineConfigRef())
        && String.valueOf(want.getBranch()).equals(String.valueOf(has.getBranch()))
        && (want.getMatrixIndex() == null ? Map.of() : want.getMatrixIndex())
            .equals(has.getMatrixIndex() == null ? Map.of() : has.getMatrixIndex());
  }
}
