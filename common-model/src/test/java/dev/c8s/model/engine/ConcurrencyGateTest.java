package dev.c8s.model.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.model.engine.ConcurrencyGate.Peer;
import dev.c8s.model.engine.ConcurrencyGate.Verdict;
import dev.c8s.model.v1alpha1.Concurrency;
import dev.c8s.model.v1alpha1.PipelineRunSpec;
import dev.c8s.model.v1alpha1.PullRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which unstarted run may start under a concurrency limit, which waits, and which gives way. */
class ConcurrencyGateTest {
  private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

  private static Concurrency limit(int limit, Concurrency.Scope per, Concurrency.Policy policy) {
    Concurrency concurrency = new Concurrency();
    concurrency.setLimit(limit);
    concurrency.setPer(per);
    concurrency.setPolicy(policy);
    return concurrency;
  }

  private static Concurrency queue(int limit) {
    return limit(limit, null, null);
  }

  /** Run {@code name} created {@code second}s after T0 on {@code branch}. */
  private static Peer run(String name, int second, String branch, boolean started) {
    return new Peer(name, T0.plusSeconds(second), "branch " + branch, started);
  }

  /** The verdict for each unstarted run of {@code runs}; started runs started when created. */
  private static List<Verdict> verdicts(Concurrency concurrency, List<Peer> runs) {
    Map<String, Instant> lastStarts = new HashMap<>();
    runs.stream()
        .filter(Peer::started)
        .forEach(p -> lastStarts.merge(p.group(), p.created(), (a, b) -> a.isAfter(b) ? a : b));
    return verdicts(concurrency, runs, lastStarts);
  }

  private static List<Verdict> verdicts(
      Concurrency concurrency, List<Peer> runs, Map<String, Instant> lastStarts) {
    List<Verdict> verdicts = new ArrayList<>();
    for (Peer self : runs) {
      if (!self.started()) {
        verdicts.add(ConcurrencyGate.decide(concurrency, self, runs, lastStarts));
      }
    }
    return verdicts;
  }

  @Test
  void withoutRunningRunsTheFirstRunsUpToTheLimitStart() {
    List<Peer> runs =
        List.of(run("a", 1, "main", false), run("b", 2, "main", false), run("c", 3, "main", false));

    assertThat(verdicts(queue(2), runs))
        .containsExactly(
            new Verdict.Start(List.of()),
            new Verdict.Start(List.of()),
            new Verdict.Wait(
                1,
                "queued at position 1: 0 of at most 2 run(s) of this pipeline are running (spec.concurrency)"));
  }

  @Test
  void runningRunsHoldTheirSlotsAndTheQueueIsFirstComeFirstServed() {
    List<Peer> runs =
        List.of(run("a", 1, "main", true), run("c", 3, "main", false), run("b", 2, "main", false));

    assertThat(verdicts(queue(1), runs))
        .extracting(v -> ((Verdict.Wait) v).position())
        .containsExactly(2, 1);
  }

  @Test
  void aBusyBranchDoesNotHoldOtherBranchesBack() {
    // main has one running and three waiting; feature's run came last but has no run going.
    List<Peer> runs =
        List.of(
            run("main-1", 1, "main", true),
            run("main-2", 2, "main", false),
            run("main-3", 3, "main", false),
            run("main-4", 4, "main", false),
            run("feature-1", 5, "feature", false));

    List<Verdict> verdicts = verdicts(queue(2), runs);

    assertThat(verdicts.get(3)).isEqualTo(new Verdict.Start(List.of()));
    assertThat(verdicts.subList(0, 3))
        .extracting(v -> ((Verdict.Wait) v).position())
        .containsExactly(1, 2, 3);
  }

  @Test
  void theBranchServedLeastRecentlyGoesNextEvenWhenNothingRuns() {
    // main's last run (finished) started at T0; feature has never had a run.
    List<Peer> runs =
        List.of(run("main-2", 2, "main", false), run("feature-1", 3, "feature", false));

    List<Verdict> neverServed = verdicts(queue(1), runs, Map.of("branch main", T0));
    List<Verdict> servedSince =
        verdicts(queue(1), runs, Map.of("branch main", T0, "branch feature", T0.plusSeconds(5)));

    assertThat(neverServed.get(1)).isEqualTo(new Verdict.Start(List.of()));
    assertThat(neverServed.get(0))
        .isInstanceOfSatisfying(Verdict.Wait.class, w -> assertThat(w.position()).isEqualTo(1));
    assertThat(servedSince.get(0)).isEqualTo(new Verdict.Start(List.of()));
  }

  @Test
  void perBranchEachBranchAndPullRequestHasItsOwnLimit() {
    Concurrency perBranch = limit(1, Concurrency.Scope.Branch, null);
    List<Peer> runs =
        List.of(
            run("main-1", 1, "main", true),
            run("main-2", 2, "main", false),
            run("feature-1", 3, "feature", false),
            new Peer("pr-1", T0.plusSeconds(4), "pull request #7", false));

    List<Verdict> verdicts = verdicts(perBranch, runs);

    assertThat(verdicts.get(0))
        .isEqualTo(
            new Verdict.Wait(
                1,
                "queued at position 1: 1 of at most 1 run(s) of branch main are running"
                    + " (spec.concurrency)"));
    assertThat(verdicts.subList(1, 3)).containsOnly(new Verdict.Start(List.of()));
  }

  @Test
  void cancelInProgressStartsTheNewestAndSupersedesOlderRunsOfItsBranch() {
    Concurrency cancel = limit(1, Concurrency.Scope.Branch, Concurrency.Policy.CancelInProgress);
    List<Peer> runs =
        List.of(
            run("main-1", 1, "main", true),
            run("main-2", 2, "main", false),
            run("main-3", 3, "main", false),
            run("feature-1", 4, "feature", true));

    List<Verdict> verdicts = verdicts(cancel, runs);

    assertThat(verdicts.get(0))
        .isEqualTo(
            new Verdict.GiveWay(
                "main-3",
                "superseded by the newer run main-3 of branch main (spec.concurrency.policy"
                    + " CancelInProgress)"));
    assertThat(verdicts.get(1)).isEqualTo(new Verdict.Start(List.of("main-2", "main-1")));
  }

  @Test
  void cancelInProgressForThePipelineKeepsTheNewestRunsWhateverTheirBranch() {
    Concurrency cancel = limit(2, null, Concurrency.Policy.CancelInProgress);
    List<Peer> runs =
        List.of(run("a", 1, "main", true), run("b", 2, "feature", true), run("c", 3, "fix", false));

    assertThat(verdicts(cancel, runs)).containsExactly(new Verdict.Start(List.of("a")));
  }

  @Test
  void aRunIsGroupedByItsPullRequestBeforeItsBranch() {
    PipelineRunSpec push = new PipelineRunSpec();
    push.setBranch("main");
    PipelineRunSpec pullRequest = new PipelineRunSpec();
    pullRequest.setBranch("main");
    PullRequest pr = new PullRequest();
    pr.setNumber(7L);
    pullRequest.setPullRequest(pr);

    assertThat(ConcurrencyGate.group(push)).isEqualTo("branch main");
    assertThat(ConcurrencyGate.group(pullRequest)).isEqualTo("pull request #7");
    assertThat(ConcurrencyGate.group(new PipelineRunSpec())).isEqualTo("no branch");
  }
}
