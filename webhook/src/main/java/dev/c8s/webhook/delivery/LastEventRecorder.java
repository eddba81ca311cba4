package dev.c8s.webhook.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.c8s.model.v1alpha1.RepositoryConnection;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jboss.logging.Logger;

/** Writes {@code status.lastEvent} of the RepositoryConnections a delivery was verified for. */
@ApplicationScoped
public class LastEventRecorder {
  private static final Logger LOG = Logger.getLogger(LastEventRecorder.class);
  private final KubernetesClient client;
  private final ObjectMapper json;

  public LastEventRecorder(KubernetesClient client, ObjectMapper json) {
    this.client = client;
    this.json = json;
  }

  /**
   * Records the event on {@code connection}'s status subresource with a merge patch (no read, no
   * conflict: the newest delivery wins). A failure is logged, not raised: the runs matter more to
   * the sender than the bookkeeping.
   */
  public void record(RepositoryConnection connection, String type, String commit, Instant at) {
    ObjectNode lastEvent = json.createObjectNode();
    lastEvent.put("type", type);
    // An explicit null removes the previous event's commit instead of leaving it behind.
    lastEvent.put("commit", commit);
    lastEvent.put("timestamp", at.truncatedTo(ChronoUnit.SECONDS).toString());
    ObjectNode patch = json.createObjectNode();
    patch.putObject("status").set("lastEvent", lastEvent);
    try {
      client
          .resources(RepositoryConnection.class)
          .inNamespace(connection.getMetadata().getNamespace())
          .withName(connection.getMetadata().getName())
          .subresource("status")
          .patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
    } catch (KubernetesClientException e) {
      LOG.warnf(
          "could not record the last event on RepositoryConnection %s/%s: %s",
          connection.getMetadata().getNamespace(),
          connection.getMetadata().getName(),
          e.getMessage());
    }
  }
}
