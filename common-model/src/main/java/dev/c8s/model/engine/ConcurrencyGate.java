package dev.c8s.model.engine;

import dev.c8s.model.v1alpha1.Concurrency;
import dev.c8s.model.v1alpha1.PipelineRunSpec;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether a run that has not started may start under its pipeline's {@code concurrency}: start,
 * wait in the queue (fairly across branches), or give way to newer runs. Pure: the caller supplies
 * the pipeline's other unfinished runs.
 */
public final class ConcurrencyGate {
  /** Creation order, then name: the same order for every caller. */
  private static final Comparator<Peer> ORDER =
      Comparator.comparing(Peer::created).thenComparing(Peer::name);

  private ConcurrencyGate() {}

  /**
   * An unfinished run of the pipeline as the gate sees it.
   *
   * @param group its branch or pull request ({@link #group})
   * @param started whether it has started (it holds a slot)
   */
  public record Peer(String name, Instant created, String group, boolean started) {}

  /** What the gate says about a run. */
  public sealed interface Verdict {
    /** Start; {@code supersede} are older runs of its group to cancel (policy CancelInProgress). */
    record Start(List<String> supersede) implements Verdict {}

    /**
     * Wait.
     *
     * @param position place in the queue, 1 is next
     * @param message why, for the run's status
     */
    record Wait(int position, String message) implements Verdict {}

    /** Give way: newer runs of the group fill the limit; {@code by} is the newest. */
    record GiveWay(String by, String message) implements Verdict {}
  }

  /** The group a run belongs to: its pull request, else its branch. */
  public static String group(PipelineRunSpec spec) {
    if (spec.getPullRequest() != null && spec.getPullRequest().getNumber() != null) {
      return "pull request #" + spec.getPullRequest().getNumber();
    }
    return spec.getBranch() == null ? "no branch" : "branch " + spec.getBranch();
  }

  /**
   * Decides for {@code self} among {@code others}, the pipeline's other unfinished runs that are
   * neither cancelled nor waiting for approval.
   *
   * @param lastStarts when each group's latest run started, finished runs included: the group
   *     served least recently goes first
   */
  public static Verdict decide(
      Concurrency concurrency, Peer self, List<Peer> others, Map<String, Instant> lastStarts) {
    int limit = concurrency.limitOrDefault();
    boolean perBranch = concurrency.perOrDefault() == Concurrency.Scope.Branch;
    List<Peer> scope =
        others.stream()
            .filter(p -> !p.name().equals(self.name()))
            .filter(p -> !perBranch || p.group().equals(self.group()))
            .toList();
    if (concurrency.policyOrDefault() == Concurrency.Policy.CancelInProgress) {
      return cancelInProgress(limit, self, scope, perBranch ? self.group() : "this pipeline");
    }
    long started = scope.stream().filter(Peer::started).count();
    int free = (int) Math.max(0, limit - started);
    List<Peer> waiting = new ArrayList<>(scope.stream().filter(p -> !p.started()).toList());
    waiting.add(self);
    int place = fairOrder(waiting, lastStarts).indexOf(self);
    if (place < free) {
      return new Verdict.Start(List.of());
    }
    int position = place - free + 1;
    return new Verdict.Wait(
        position,
        "queued at position "
            + position
            + ": "
            + started
            + " of at most "
            + limit
            + " run(s) "
            + (perBranch ? "of " + self.group() + " " : "of this pipeline ")
            + "are running (spec.concurrency)");
  }

  /**
   * Why a run was cancelled for {@code newer}, a run of {@code of} (a branch, a pull request or
   * "this pipeline"; null when not known).
   */
  public static String superseded(String newer, String of) {
    return "superseded by the newer run "
        + newer
        + (of == null ? "" : " of " + of)
        + " (spec.concurrency.policy CancelInProgress)";
  }

  /** The newest {@code limit} runs of the scope go on; older ones are cancelled. */
  private static Verdict cancelInProgress(int limit, Peer self, List<Peer> scope, String of) {
    List<Peer> group = new ArrayList<>(scope);
    group.add(self);
    group.sort(ORDER.reversed());
    int place = group.indexOf(self);
    if (place >= limit) {
      String newest = group.get(0).name();
      return new Verdict.GiveWay(newest, superseded(newest, of));
    }
    // Sorted newest first, and self is within the limit: everything beyond it is older.
    List<String> supersede = group.subList(limit, group.size()).stream().map(Peer::name).toList();
    return new Verdict.Start(supersede);
  }

  /**
   * Waiting runs in the order they start: each next start goes to the group (branch or pull
   * request) served least recently, never-served groups first; within a group, first come first
   * served. So one busy branch cannot hold the others back, and a position shown stays true.
   *
   * @param lastStarts when each group's latest run started, finished runs included
   */
  static List<Peer> fairOrder(List<Peer> waiting, Map<String, Instant> lastStarts) {
    Map<String, Deque<Peer>> queues = new HashMap<>();
    waiting.stream()
        .sorted(ORDER)
        .forEach(p -> queues.computeIfAbsent(p.group(), g -> new ArrayDeque<>()).add(p));
    // Served during this ordering: after every real start, in the order served.
    Map<String, Long> servedHere = new HashMap<>();
    Comparator<String> leastRecentlyServed =
        Comparator.<String, Long>comparing(g -> servedHere.getOrDefault(g, -1L))
            .thenComparing(g -> lastStarts.get(g), Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(g -> queues.get(g).peek(), ORDER);
    List<Peer> order = new ArrayList<>();
    long served = 0;
    while (order.size() < waiting.size()) {
      String next =
          queues.keySet().stream()
              .filter(g -> !queues.get(g).isEmpty())
              .min(leastRecentlyServed)
              .orElseThrow();
      order.add(queues.get(next).poll());
      servedHere.put(next, served++);
    }
    return order;
  }
}
