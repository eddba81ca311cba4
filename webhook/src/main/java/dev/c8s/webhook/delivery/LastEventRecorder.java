package dev.c8s.webhook.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.c8s.model.v1alpha1.RepositoryConnection;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Writes {@code status.lastEvent} of the RepositoryConnections a delivery was verified for, at most
 * once per interval per connection: the first delivery after a quiet interval is written at once,
 * the deliveries of a busy one are written together at its end, newest event last.
 */
@ApplicationScoped
public class LastEventRecorder {
  private static final Logger LOG = Logger.getLogger(LastEventRecorder.class);
  private final KubernetesClient client;
  private final ObjectMapper json;
  private final Duration interval;
  private final ScheduledExecutorService flusher =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().daemon().name("last-event-flush").unstarted(r));

  /** Per connection (namespace/name): when it was last written, and the event waiting, if any. */
  private final Map<String, Slot> slots = new ConcurrentHashMap<>();

  private record Event(String namespace, String name, String type, String commit, Instant at) {}

  private static final class Slot {
    long writtenAtNanos = Long.MIN_VALUE;
    Event waiting;
  }

  public LastEventRecorder(
      KubernetesClient client,
      ObjectMapper json,
      @ConfigProperty(name = "c8s.webhook.last-event-interval", defaultValue = "1s")
          Duration interval) {
    this.client = client;
    this.json = json;
    this.interval = interval;
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
    String key = event.namespace() + "/" + event.name();
    Slot slot = slots.computeIfAbsent(key, k -> new Slot());
    boolean writeNow;
    synchronized (slot) {
      long now = System.nanoTime();
      writeNow = slot.waiting == null && now - slot.writtenAtNanos >= interval.toNanos();
      if (writeNow) {
        slot.writtenAtNanos = now;
      } else {
        boolean scheduled = slot.waiting != null;
        if (slot.waiting == null || !slot.waiting.at().isAfter(at)) {
          slot.waiting = event;
        }
        if (!scheduled) {
          long due = Math.max(0, slot.writtenAtNanos + interval.toNanos() - now);
          flusher.schedule(() -> flush(key), due, TimeUnit.NANOSECONDS);
        }
      }
    }
    if (writeNow) {
      write(event);
    }
  }

  private void flush(String key) {
    Slot slot = slots.get(key);
    Event event;
    synchronized (slot) {
      event = slot.waiting;
      slot.waiting = null;
      slot.writtenAtNanos = System.nanoTime();
    }
    if (event != null) {
      write(event);
    }
  }

  /** Writes what is still waiting before the process ends, so no accepted event goes unrecorded. */
  void flushAll(@Observes ShutdownEvent shutdown) {
    flusher.shutdownNow();
    slots.keySet().forEach(this::flush);
  }

  private void write(Event event) {
    ObjectNode lastEvent = json.createObjectNode();
    lastEvent.put("type", event.type());
    // An explicit null removes the previous event's commit instead of leaving it behind.
    lastEvent.put("commit", event.commit());
    lastEvent.put("timestamp", event.at().truncatedTo(ChronoUnit.SECONDS).toString());
    ObjectNode patch = json.createObjectNode();
    patch.putObject("status").set("lastEvent", lastEvent);
    try {
      client
          .resources(RepositoryConnection.class)
          .inNamespace(event.namespace())
          .withName(event.name())
          .subresource("status")
          .patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
    } catch (KubernetesClientException e) {
      LOG.warnf(
          "could not record the last event on RepositoryConnection %s/%s: %s",
          event.namespace(), event.name(), e.getMessage());
    }
  }
}
