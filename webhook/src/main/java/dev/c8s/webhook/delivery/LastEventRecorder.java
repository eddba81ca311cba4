package dev.c8s.webhook.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.c8s.model.v1alpha1.RepositoryConnection;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Writes {@code status.lastEvent} of the RepositoryConnections a delivery was verified for, at most
 * once per interval ({@code c8s.webhook.last-event-interval}, default 1 s) per connection: the
 * first delivery after a quiet interval is written at once, the deliveries of a busy one are
 * written together at its end, newest event last.
 */
@ApplicationScoped
public class LastEventRecorder {
  private static final Logger LOG = Logger.getLogger(LastEventRecorder.class);

  /** How long shutdown waits for a write already under way before writing what still waits. */
  private static final long SHUTDOWN_WAIT_SECONDS = 3;

  private final KubernetesClient client;
  private final ObjectMapper json;
  private final long intervalNanos;
  private final ScheduledThreadPoolExecutor flusher = flusher();

  /** Per connection (namespace/name): when it was last written, and the event waiting, if any. */
  private final Map<String, Slot> slots = new ConcurrentHashMap<>();

  private record Event(String namespace, String name, String type, String commit, Instant at) {}

  /** One connection's state; its fields are guarded by the slot's monitor. */
  private static final class Slot {
    /** False until the first write: System.nanoTime() has no value meaning "long ago". */
    boolean everWritten;

    long writtenAtNanos;
    Event waiting;

    /**
     * Held across one patch, so two writes of one connection (one at once, one flushed) cannot
     * reach the API server out of order; guards {@link #newestWritten}.
     */
    final ReentrantLock writing = new ReentrantLock();

    Instant newestWritten;
  }

  public LastEventRecorder(
      KubernetesClient client,
      ObjectMapper json,
      @ConfigProperty(name = "c8s.webhook.last-event-interval", defaultValue = "1s")
          Duration interval) {
    this.client = client;
    this.json = json;
    this.intervalNanos = interval.toNanos();
  }

  private static ScheduledThreadPoolExecutor flusher() {
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1, r -> Thread.ofPlatform().daemon().name("last-event-flush").unstarted(r));
    // On shutdown the waiting events are written by flushAll, not by their delayed flushes.
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }

  /**
   * Records the event on {@code connection}'s status subresource with a merge patch (no read, no
   * conflict: the newest delivery wins). A failure is logged, not raised: the runs matter more to
   * the sender than the bookkeeping.
   */
  public void record(RepositoryConnection connection, String type, String commit, Instant at) {
    Event event =
        new Event(
            connection.getMetadata().getNamespace(),
            connection.getMetadata().getName(),
            type,
            commit,
            at);
    Slot slot = slots.computeIfAbsent(event.namespace() + "/" + event.name(), k -> new Slot());
    Event writeNow = null;
    synchronized (slot) {
      long now = System.nanoTime();
      if (slot.waiting == null
          && (!slot.everWritten || now - slot.writtenAtNanos >= intervalNanos)) {
        slot.everWritten = true;
        slot.writtenAtNanos = now;
        writeNow = event;
      } else {
        boolean scheduled = slot.waiting != null;
        if (slot.waiting == null || !slot.waiting.at().isAfter(at)) {
          slot.waiting = event;
        }
        if (!scheduled) {
          long due = Math.max(0, slot.writtenAtNanos + intervalNanos - now);
          try {
            flusher.schedule(() -> flush(slot), due, TimeUnit.NANOSECONDS);
          } catch (RejectedExecutionException shuttingDown) {
            // flushAll may already have passed this slot: write it here instead.
            writeNow = slot.waiting;
            slot.waiting = null;
          }
        }
      }
    }
    if (writeNow != null) {
      write(slot, writeNow);
    }
  }

  private void flush(Slot slot) {
    Event event;
    synchronized (slot) {
      event = slot.waiting;
      slot.waiting = null;
      if (event != null) {
        slot.writtenAtNanos = System.nanoTime();
      }
    }
    if (event != null) {
      write(slot, event);
    }
  }

  /** Writes what is still waiting before the process ends, so no accepted event goes unrecorded. */
  void flushAll(@Observes ShutdownEvent shutdown) {
    // shutdown(), not shutdownNow(): an interrupt could abort a flush whose event was taken.
    flusher.shutdown();
    try {
      if (!flusher.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS)) {
        LOG.warn("a status.lastEvent write still runs at shutdown; writing the rest beside it");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    slots.values().forEach(this::flush);
  }

  private void write(Slot slot, Event event) {
    slot.writing.lock();
    try {
      // A newer event written meanwhile (its write overtook this one) must stay the last event.
      if (slot.newestWritten != null && slot.newestWritten.isAfter(event.at())) {
        return;
      }
      if (patch(event)) {
        slot.newestWritten = event.at();
      }
    } finally {
      slot.writing.unlock();
    }
  }

  private boolean patch(Event event) {
    ObjectNode lastEvent = json.createObjectNode();
    lastEvent.put("type", event.type());
    // An explicit null removes the previous event's commit instead of leaving it behind.
    lastEvent.put("commit", event.commit());
    lastEvent.put("timestamp", event.at().truncatedTo(ChronoUnit.SECONDS).toString());
    ObjectNode patch = json.createObjectNode();
    patch.putObject("status").set("lastEvent", lastEvent);
    // Patched through an object naming the connection: patching by name alone makes fabric8 GET
    // the object first, a second API call per write.
    RepositoryConnection target = new RepositoryConnection();
    target.setMetadata(
        new ObjectMetaBuilder().withNamespace(event.namespace()).withName(event.name()).build());
    try {
      client
          .resource(target)
          .subresource("status")
          .patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
      return true;
    } catch (KubernetesClientException e) {
      LOG.warnf(
          "could not record the last event on RepositoryConnection %s/%s: %s",
          event.namespace(), event.name(), e.getMessage());
      return false;
    }
  }
}
