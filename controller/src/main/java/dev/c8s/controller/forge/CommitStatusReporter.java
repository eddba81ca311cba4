package dev.c8s.controller.forge;

import dev.c8s.controller.config.ControllerSettings;
import dev.c8s.controller.repository.RepositoryConnections;
import dev.c8s.model.v1alpha1.CommitStatusReport;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PipelineRunStatus;
import dev.c8s.model.v1alpha1.RepositoryConnection;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.Cache;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Reports runs to their Git provider as commit statuses, apart from the reconciliation: a slow,
 * failing or rate-limited provider delays the statuses only, never a run. Each run's newest report
 * wins; what the provider accepted is recorded in the run, so a restarted controller does not send
 * it again.
 */
@ApplicationScoped
public class CommitStatusReporter {
  private static final Logger LOG = Logger.getLogger(CommitStatusReporter.class);

  /** A finished run never reported (older than c8s's reporting, say) is left alone after this. */
  static final Duration CATCH_UP = Duration.ofHours(1);

  private static final Duration RETRY_AFTER_FAULT = Duration.ofSeconds(30);

  @Inject ControllerSettings settings;
  @Inject CommitStatusSender sender;
  @Inject Clock clock;

  /** The report each run waits to have sent, by run UID. */
  private final Map<String, CommitStatusWork> pending = new ConcurrentHashMap<>();

  /** Whether a waiting report's run still exists; the reconciler wires in its run cache. */
  private volatile Predicate<CommitStatusWork> runExists = work -> true;

  /** Runs with an attempt scheduled or under way. */
  private final Set<String> scheduled = ConcurrentHashMap.newKeySet();

  private final ScheduledExecutorService executor =
      Executors.newScheduledThreadPool(
          2, r -> Thread.ofPlatform().daemon().name("commit-status").unstarted(r));

  /**
   * Offers the report {@code run} should show with {@code status}; sends it unless it is shown
   * already or on its way.
   *
   * @param connections the RepositoryConnections of the run's namespace
   */
  public void offer(
      PipelineRun run, PipelineRunStatus status, List<RepositoryConnection> connections) {
    if (!settings.reportCommitStatus() || status == null || status.getPipelineSpec() == null) {
      return;
    }
    Optional<CommitReport> wanted = CommitReports.of(run, status, settings.runUrl());
    if (wanted.isEmpty()) {
      return;
    }
    CommitReport report = wanted.get();
    CommitStatusReport recorded = status.getCommitStatus();
    if (CommitStatusRecords.shows(recorded, report) || sender.sent(run, report)) {
      return;
    }
    if (recorded == null && tooOldToCatchUp(status)) {
      return;
    }
    Optional<RepositoryConnection> connection =
        RepositoryConnections.withCredentials(
            connections, status.getPipelineSpec().getRepository());
    if (connection.isEmpty()) {
      return;
    }
    String uid = run.getMetadata().getUid();
    CommitStatusWork work =
        new CommitStatusWork(
            run.getMetadata().getNamespace(),
            run.getMetadata().getName(),
            uid,
            report,
            connection.get(),
            recorded);
    CommitStatusWork before = pending.put(uid, work);
    if ((before == null || !before.report().equals(report)) && scheduled.add(uid)) {
      schedule(uid, Duration.ZERO);
    }
  }

  /** Reads whether runs still exist from {@code runs}, the controller's cache of them. */
  public void runsFrom(Cache<PipelineRun> runs) {
    runExists =
        work ->
            runs.get(new ResourceID(work.name(), work.namespace()))
                .filter(r -> work.uid().equals(r.getMetadata().getUid()))
                .isPresent();
  }

  private boolean tooOldToCatchUp(PipelineRunStatus status) {
    return status.getPhase().isTerminal()
        && status.getCompletionTime() != null
        && status.getCompletionTime().isBefore(clock.instant().minus(CATCH_UP));
  }

  private void schedule(String uid, Duration delay) {
    executor.schedule(() -> attempt(uid), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
  }

  /** Sends a run's newest report; one attempt per run is scheduled at a time, never two at once. */
  private void attempt(String uid) {
    CommitStatusWork work = pending.get(uid);
    if (work == null) {
      scheduled.remove(uid);
      return;
    }
    if (!runExists.test(work)) {
      // Deleted while its report waited (a provider down, a token refused): nothing to show.
      pending.remove(uid, work);
      scheduled.remove(uid);
      sender.forget(uid);
      return;
    }
    Optional<Instant> again;
    try {
      again = sender.send(work);
    } catch (RuntimeException e) {
      LOG.warnf(
          e, "reporting the commit status of run %s/%s failed", work.namespace(), work.name());
      again = Optional.of(clock.instant().plus(RETRY_AFTER_FAULT));
    }
    if (again.isPresent() && pending.get(uid) == work) {
      schedule(uid, Duration.between(clock.instant(), again.get()));
      return;
    }
    pending.remove(uid, work);
    scheduled.remove(uid);
    // A newer report that arrived during this attempt found it scheduled and waits for it.
    if (pending.containsKey(uid) && scheduled.add(uid)) {
      schedule(uid, Duration.ZERO);
    }
  }

  @PreDestroy
  void stop() {
    executor.shutdownNow();
  }
}
