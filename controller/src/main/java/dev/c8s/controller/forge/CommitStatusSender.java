package dev.c8s.controller.forge;

import dev.c8s.model.forge.ForgeCredentials;
import dev.c8s.model.forge.ForgeRepository;
import dev.c8s.model.v1alpha1.CommitStatusReport;
import dev.c8s.model.v1alpha1.PipelineRun;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * One attempt at one report: read the token, send, record the answer in the run. Remembers what
 * providers accepted (until the run's record catches up), which APIs are rate-limited until when,
 * and how often each run's report failed in a row (for the back-off).
 */
@ApplicationScoped
class CommitStatusSender {
  private static final Logger LOG = Logger.getLogger(CommitStatusSender.class);
  private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  private static final Duration MAX_RETRY = Duration.ofMinutes(5);

  /** A refusal needs a person (a token, a permission); look again now and then. */
  static final Duration REFUSED_RETRY = Duration.ofMinutes(10);

  private static final Duration REMEMBER_SENT = Duration.ofHours(1);
  private static final int NOT_FOUND = 404;

  @Inject KubernetesClient client;
  @Inject ForgeClient forge;
  @Inject CommitStatusRecords records;
  @Inject Clock clock;

  private record Sent(CommitReport report, String state, Instant at) {}

  private final Map<String, Sent> accepted = new ConcurrentHashMap<>();
  private final Map<String, CommitStatusReport> written = new ConcurrentHashMap<>();
  private final Map<String, Instant> rateLimitedUntil = new ConcurrentHashMap<>();
  private final Map<String, Integer> failures = new ConcurrentHashMap<>();
  private volatile Instant lastPurge = Instant.EPOCH;

  /** Whether the provider accepted {@code report} for {@code run} already. */
  boolean sent(PipelineRun run, CommitReport report) {
    Sent sent = accepted.get(run.getMetadata().getUid());
    return sent != null && sent.report().equals(report);
  }

  /** Forgets a run that is gone. */
  void forget(String uid) {
    accepted.remove(uid);
    written.remove(uid);
    failures.remove(uid);
  }

  /** Sends {@code work}'s report: empty when done, else when to try again. */
  Optional<Instant> send(CommitStatusWork work) {
    Instant now = clock.instant();
    purge(now);
    Sent sent = accepted.get(work.uid());
    if (sent != null && sent.report().equals(work.report())) {
      // Accepted before, but its record could not be written: write only that.
      return record(work, sent.state(), sent.at());
    }
    ForgeRepository repository = ForgeRepository.of(work.connection().getSpec());
    Instant limited = rateLimitedUntil.get(repository.api());
    if (limited != null && limited.isAfter(now)) {
      return Optional.of(limited);
    }
    String secretName = work.connection().getSpec().getAuthSecretRef();
    ForgeCredentials credentials = credentials(work.namespace(), secretName);
    if (credentials == null) {
      return refused(
          work,
          "Secret "
              + secretName
              + " (the RepositoryConnection's authSecretRef) does not exist or has no key token or"
              + " password; store an API token there to get commit statuses");
    }
    String state = CommitStatusRequests.state(repository.provider(), work.report().outcome());
    ForgeAnswer answer =
        forge.send(
            repository.provider(),
            CommitStatusRequests.of(repository, credentials, work.report()),
            secretName);
    return switch (answer) {
      case ForgeAnswer.Accepted a -> {
        accepted.put(work.uid(), new Sent(work.report(), state, now));
        failures.remove(work.uid());
        yield record(work, state, now);
      }
      case ForgeAnswer.Retry retry -> {
        if (retry.rateLimited()) {
          rateLimitedUntil.merge(
              repository.api(), retry.notBefore(), (a, b) -> a.isAfter(b) ? a : b);
        }
        int failed = failures.merge(work.uid(), 1, Integer::sum);
        note(work, retry.message() + "; retrying");
        yield Optional.of(
            retry.notBefore() != null ? retry.notBefore() : now.plus(backOff(failed)));
      }
      case ForgeAnswer.Refused refused -> refused(work, refused.message());
    };
  }

  private Optional<Instant> refused(CommitStatusWork work, String message) {
    LOG.warnf(
        "commit status of run %s/%s not reported: %s", work.namespace(), work.name(), message);
    note(work, message);
    return Optional.of(clock.instant().plus(REFUSED_RETRY));
  }

  /** Records what the provider accepted; empty when written (or the run is gone). */
  private Optional<Instant> record(CommitStatusWork work, String state, Instant at) {
    CommitStatusReport record = new CommitStatusReport();
    record.setState(state);
    record.setPhase(work.report().phase());
    record.setContext(work.report().context());
    record.setDescription(work.report().description());
    record.setTargetUrl(work.report().targetUrl());
    record.setReportedAt(at);
    return write(work, record) ? Optional.empty() : Optional.of(clock.instant().plus(FIRST_RETRY));
  }

  /** Shows why the newest report is not there yet, beside what the provider shows now. */
  private void note(CommitStatusWork work, String message) {
    CommitStatusReport base = written.getOrDefault(work.uid(), work.recorded());
    if (base != null && Objects.equals(base.getMessage(), message)) {
      return;
    }
    CommitStatusReport record = base == null ? new CommitStatusReport() : copy(base);
    if (base == null) {
      record.setContext(work.report().context());
    }
    record.setMessage(message);
    write(work, record);
  }

  private boolean write(CommitStatusWork work, CommitStatusReport record) {
    try {
      records.write(work.namespace(), work.name(), record);
      written.put(work.uid(), record);
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == NOT_FOUND) {
        // The run was deleted: nothing left to record.
        return true;
      }
      LOG.debugf(
          "recording the commit status of %s/%s failed: %s",
          work.namespace(), work.name(), e.getMessage());
      return false;
    }
  }

  private ForgeCredentials credentials(String namespace, String name) {
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    return secret == null ? null : ForgeCredentials.from(secret);
  }

  static Duration backOff(int failures) {
    Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(failures - 1, 20));
    return wait.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait;
  }

  private static CommitStatusReport copy(CommitStatusReport from) {
    CommitStatusReport to = new CommitStatusReport();
    to.setState(from.getState());
    to.setPhase(from.getPhase());
    to.setContext(from.getContext());
    to.setDescription(from.getDescription());
    to.setTargetUrl(from.getTargetUrl());
    to.setReportedAt(from.getReportedAt());
    to.setMessage(from.getMessage());
    return to;
  }

  /** Forgets, once a minute, what is older than an hour: the runs' records have it by then. */
  private void purge(Instant now) {
    if (now.isBefore(lastPurge.plus(Duration.ofMinutes(1)))) {
      return;
    }
    lastPurge = now;
    Instant old = now.minus(REMEMBER_SENT);
    accepted.values().removeIf(s -> s.at().isBefore(old));
    written.keySet().retainAll(accepted.keySet());
    rateLimitedUntil.values().removeIf(until -> until.isBefore(now));
  }
}
