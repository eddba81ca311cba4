package dev.c8s.controller.run;

import dev.c8s.model.engine.ConcurrencyGate;
import dev.c8s.model.engine.ConcurrencyGate.Peer;
import dev.c8s.model.engine.ConcurrencyGate.Verdict;
import dev.c8s.model.engine.RunReason;
import dev.c8s.model.v1alpha1.C8s;
import dev.c8s.model.v1alpha1.Concurrency;
import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RunPhase;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Holds runs back under their pipeline's {@code concurrency}, lets queued runs go as others end,
 * and cancels the runs a newer one supersedes.
 *
 * <p>Runs of one pipeline are decided one at a time, and a run let through counts as started until
 * the cache shows its snapshot: two runs reconciled at once can never both take the last slot.
 */
@ApplicationScoped
public class RunQueue {
  /** Annotation on a run cancelled because a newer one took its place: the newer run's name. */
  public static final String SUPERSEDED_BY = C8s.GROUP + "/superseded-by";

  /** How often a queued run looks again even if nothing woke it (a running run deleted). */
  static final Duration RECHECK = Duration.ofSeconds(30);

  /** How long a run let through counts as started without the cache showing it. */
  private static final Duration ADMISSION_MEMORY = Duration.ofMinutes(5);

  private static final Logger LOG = Logger.getLogger(RunQueue.class);

  private final SimpleInboundEventSource<PipelineRun> wake =
      new SimpleInboundEventSource<>("run-queue");
  private final Map<String, Instant> letThrough = new ConcurrentHashMap<>();
  private final Map<String, Object> locks = new ConcurrentHashMap<>();
  private final Clock clock;
  private final RunsOfConfigs runsOfConfigs;

  RunQueue(Clock clock, RunsOfConfigs runsOfConfigs) {
    this.clock = clock;
    this.runsOfConfigs = runsOfConfigs;
  }

  SimpleInboundEventSource<PipelineRun> eventSource() {
    return wake;
  }

  /** What {@link #holdBack} did with a run. */
  enum Hold {
    /** Nothing: it may start. */
    NONE,
    /** Queued: Pending until a slot frees. */
    QUEUED,
    /** Superseded by newer runs: Cancelled. */
    SUPERSEDED
  }

  /**
   * What {@link #holdBack} decided.
   *
   * @param supersede runs to cancel once this run has started ({@link #supersede})
   */
  record Admission(Hold hold, List<String> supersede) {}

  /**
   * Holds {@code run}, which has not started, back under its pipeline's concurrency limit, noting
   * it in {@code status}: queued (Pending, looked at again when a run ends) or superseded
   * (Cancelled). When it may start, the admission names the runs it supersedes: cancel them with
   * {@link #supersede} once it has started.
   */
  Admission holdBack(PipelineRun run, PipelineConfig config, RunStatusBuilder status) {
    Concurrency concurrency =
        config == null || config.getSpec() == null ? null : config.getSpec().getConcurrency();
    if (concurrency == null || Boolean.TRUE.equals(run.getSpec().getCancelRequested())) {
      status.dequeued();
      return new Admission(Hold.NONE, List.of());
    }
    return switch (admit(run, concurrency)) {
      case Verdict.Wait wait -> {
        status.phase(RunPhase.Pending, RunReason.Queued, wait.message());
        status.queued(wait.position(), wait.message());
        yield new Admission(Hold.QUEUED, List.of());
      }
      case Verdict.GiveWay giveWay -> {
        status.dequeued();
        status.phase(RunPhase.Cancelled, RunReason.Superseded, giveWay.message());
        yield new Admission(Hold.SUPERSEDED, List.of());
      }
      case Verdict.Start start -> {
        status.dequeued();
        yield new Admission(Hold.NONE, start.supersede());
      }
    };
  }

  /** The gate's verdict for {@code run}, which has not started, among its pipeline's runs. */
  private Verdict admit(PipelineRun run, Concurrency concurrency) {
    String namespace = run.getMetadata().getNamespace();
    String config = run.getSpec().getPipelineConfigRef();
    Object lock = locks.computeIfAbsent(namespace + "/" + config, k -> new Object());
    synchronized (lock) {
      Instant now = clock.instant();
      letThrough.values().removeIf(at -> at.isBefore(now.minus(ADMISSION_MEMORY)));
      List<PipelineRun> runs = runsOf(namespace, config);
      List<Peer> peers = runs.stream().filter(RunQueue::competing).map(this::peer).toList();
      Verdict verdict = ConcurrencyGate.decide(concurrency, peer(run), peers, lastStarts(runs));
      if (verdict instanceof Verdict.Start) {
        letThrough.put(run.getMetadata().getUid(), now);
      }
      return verdict;
    }
  }

  /** Asks {@code superseded} runs, by name, to cancel: {@code by} took their place. */
  void supersede(PipelineRun by, List<String> superseded, Context<PipelineRun> context) {
    String patch =
        Serialization.asJson(
            Map.of(
                "metadata",
                Map.of("annotations", Map.of(SUPERSEDED_BY, by.getMetadata().getName())),
                "spec",
                Map.of("cancelRequested", true)));
    for (String name : superseded) {
      context
          .getPrimaryCache()
          .get(new ResourceID(name, by.getMetadata().getNamespace()))
          .ifPresent(
              run -> {
                LOG.infof(
                    "run %s/%s superseded by %s",
                    by.getMetadata().getNamespace(), name, by.getMetadata().getName());
                try {
                  // A spec change: the superseded run's own pass cancels it.
                  context
                      .getClient()
                      .resource(run)
                      .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
                } catch (KubernetesClientException e) {
                  if (e.getCode() != 404) {
                    throw e;
                  }
                }
              });
    }
  }

  /** {@code run} ended: the queued runs of its pipeline look again. */
  void released(PipelineRun run) {
    String namespace = run.getMetadata().getNamespace();
    runsOf(namespace, run.getSpec().getPipelineConfigRef()).stream()
        .filter(r -> r.getStatus() != null && r.getStatus().getQueuePosition() != null)
        .forEach(r -> wake.propagateEvent(ResourceID.fromResource(r)));
  }

  /**
   * The pipeline's runs as the cache has them, each read again by name: a listing misses the status
   * this controller has just written (JOSDK keeps it apart until the informer catches up), so a run
   * that has just ended would still hold its slot. By the index of runs by config, not a scan of
   * the namespace, which holds the kept runs of every pipeline.
   */
  private List<PipelineRun> runsOf(String namespace, String config) {
    // The SDK reconciles runs only once their informer has synced, so this is never empty here.
    return runsOfConfigs
        .of(namespace, config)
        .orElseThrow(() -> new IllegalStateException("the cache of runs has not synced yet"));
  }

  /** When each group's latest run started, finished runs and runs just let through included. */
  private Map<String, Instant> lastStarts(List<PipelineRun> runs) {
    Map<String, Instant> lastStarts = new HashMap<>();
    for (PipelineRun run : runs) {
      Instant started =
          run.getStatus() != null && run.getStatus().getStartTime() != null
              ? run.getStatus().getStartTime()
              : letThrough.get(run.getMetadata().getUid());
      if (started != null) {
        lastStarts.merge(ConcurrencyGate.group(run.getSpec()), started, RunQueue::later);
      }
    }
    return lastStarts;
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  /** Unfinished, not cancelled and not waiting for approval: it holds or wants a slot. */
  private static boolean competing(PipelineRun run) {
    if (run.getStatus() != null
        && run.getStatus().getPhase() != null
        && run.getStatus().getPhase().isTerminal()) {
      return false;
    }
    return !Boolean.TRUE.equals(run.getSpec().getCancelRequested())
        && !run.getSpec().awaitsApproval();
  }

  private Peer peer(PipelineRun run) {
    boolean started =
        run.getStatus() != null
            && (run.getStatus().getPipelineSpec() != null
                || run.getStatus().getPhase() == RunPhase.Running);
    if (started) {
      letThrough.remove(run.getMetadata().getUid());
    }
    return new Peer(
        run.getMetadata().getName(),
        Instant.parse(run.getMetadata().getCreationTimestamp()),
        ConcurrencyGate.group(run.getSpec()),
        started || letThrough.containsKey(run.getMetadata().getUid()));
  }
}
