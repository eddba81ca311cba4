package dev.c8s.webhook.delivery;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.c8s.model.text.Sha256;
import dev.c8s.model.v1alpha1.RepositoryConnection;
import dev.c8s.webhook.LogFields;
import dev.c8s.webhook.delivery.ConnectionVerifier.Verification;
import dev.c8s.webhook.delivery.EventMeaning.Command;
import dev.c8s.webhook.delivery.EventMeaning.Ignored;
import dev.c8s.webhook.delivery.EventMeaning.Ping;
import dev.c8s.webhook.delivery.EventMeaning.PullRequestChange;
import dev.c8s.webhook.delivery.EventMeaning.Pushes;
import dev.c8s.webhook.metrics.WebhookMetrics;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/** Handles one delivery: verify, then read, then act, and answer with a status and JSON. */
@ApplicationScoped
public class DeliveryHandler {
  private static final Logger LOG = Logger.getLogger(DeliveryHandler.class);
  private static final Pattern DELIVERY_ID = Pattern.compile("^[\\x21-\\x7e]{1,128}$");

  private final ConnectionVerifier verifier;
  private final PushProcessor pushes;
  private final CommandProcessor commands;
  private final LastEventRecorder lastEvents;
  private final WebhookMetrics metrics;
  private final Clock clock = Clock.systemUTC();
  private final ObjectMapper json;

  public DeliveryHandler(
      ConnectionVerifier verifier,
      PushProcessor pushes,
      CommandProcessor commands,
      LastEventRecorder lastEvents,
      WebhookMetrics metrics,
      ObjectMapper json) {
    this.json = json;
    this.verifier = verifier;
    this.pushes = pushes;
    this.commands = commands;
    this.lastEvents = lastEvents;
    this.metrics = metrics;
  }

  /** An HTTP status and the JSON answer to send with it. */
  public record Answer(int status, DeliveryAnswer body, String outcome) {}

  /** Handles {@code request} as a delivery of {@code protocol}'s provider. */
  public Answer handle(ProviderProtocol protocol, DeliveryRequest request) {
    long started = System.nanoTime();
    String event = protocol.event(request);
    // Every log line of this delivery carries its id and provider (LogFields).
    LogFields.put(LogFields.REQUEST_ID, requestId(protocol, request));
    LogFields.put(LogFields.PROVIDER, protocol.name());
    try {
      Answer answer;
      try {
        answer = verifiedOrRefused(protocol, request, event);
      } catch (KubernetesClientException e) {
        LOG.warnf(
            "%s delivery failed, Kubernetes API unavailable: %s", protocol.name(), e.getMessage());
        answer =
            new Answer(
                503,
                DeliveryAnswer.error(
                    null,
                    Payloads.shortName(event),
                    "the Kubernetes API is unavailable; redeliver"),
                "unavailable");
      }
      metrics.event(protocol.name(), protocol.eventName(event), answer.outcome());
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      metrics.handled(protocol.name(), answer.outcome(), took);
      LOG.infof(
          "%s %s delivery answered %d (%s) in %d ms",
          protocol.name(),
          Payloads.shortName(event),
          answer.status(),
          answer.outcome(),
          took.toMillis());
      return answer;
    } finally {
      LogFields.clear();
    }
  }

  /** The provider's delivery id when it is one we accept, else a hash of the body. */
  private static String requestId(ProviderProtocol protocol, DeliveryRequest request) {
    return protocol
        .deliveryId(request)
        .filter(id -> DELIVERY_ID.matcher(id).matches())
        .orElseGet(() -> "sha256-" + Sha256.hex(request.body()));
  }

  private Answer verifiedOrRefused(
      ProviderProtocol protocol, DeliveryRequest request, String event) {
    Verification verification = verifier.verify(protocol, request);
    if (verification.verified().isEmpty()) {
      metrics.signatureFailure(protocol.name(), verification.failure());
      return new Answer(401, DeliveryAnswer.UNAUTHORIZED, "unauthorized");
    }
    // From here on the payload is trusted: it was signed with a connection's secret.
    String shownEvent = Payloads.shortName(event);
    String deliveryId =
        protocol.deliveryId(request).orElseGet(() -> "sha256-" + Sha256.hex(request.body()));
    if (!DELIVERY_ID.matcher(deliveryId).matches()) {
      return malformed(
          null, shownEvent, "the delivery id header must be 1 to 128 visible ASCII characters");
    }
    JsonNode payload;
    try {
      payload = json.readTree(protocol.json(request));
    } catch (JsonProcessingException e) {
      return malformed(deliveryId, shownEvent, "the payload is not valid JSON: " + where(e));
    } catch (IOException e) {
      return malformed(deliveryId, shownEvent, "the payload could not be read: " + e.getMessage());
    }
    if (payload == null || !payload.isObject()) {
      return malformed(deliveryId, shownEvent, "the payload is not a JSON object");
    }
    try {
      return act(
          protocol,
          verification.verified(),
          protocol.interpret(event, payload),
          deliveryId,
          shownEvent);
    } catch (MalformedPayloadException e) {
      return malformed(deliveryId, shownEvent, e.getMessage());
    }
  }

  private Answer act(
      ProviderProtocol protocol,
      List<RepositoryConnection> connections,
      EventMeaning meaning,
      String deliveryId,
      String event)
      throws MalformedPayloadException {
    Instant now = clock.instant();
    return switch (meaning) {
      case Ping ping -> {
        recordLastEvent(connections, "ping", null, now);
        yield new Answer(
            200,
            new DeliveryAnswer(
                deliveryId,
                event,
                null,
                "pong: the webhook reached c8s and its signature was verified",
                null,
                null),
            "ping");
      }
      case Ignored ignored -> {
        String type = protocol.eventName(event);
        recordLastEvent(connections, type.equals("other") ? event : type, null, now);
        yield new Answer(
            202, DeliveryAnswer.ignored(deliveryId, event, ignored.reason()), "ignored");
      }
      case Pushes push -> {
        PushProcessor.Result result =
            pushes.process(
                connections,
                push.pushes().stream().map(RunPlanner.Build::of).toList(),
                push.pusher(),
                deliveryId,
                protocol.name(),
                now);
        recordLastEvent(connections, "push", push.pushes().get(0).commit(), now);
        metrics.runsCreated(protocol.name(), result.created());
        yield answer(deliveryId, event, result);
      }
      case PullRequestChange change -> {
        PushProcessor.Result result =
            pushes.processPullRequest(connections, change, deliveryId, protocol.name(), now);
        recordLastEvent(connections, protocol.eventName(event), change.headCommit(), now);
        metrics.runsCreated(protocol.name(), result.created());
        yield answer(deliveryId, event, result);
      }
      case Command command -> {
        CommandProcessor.Outcome outcome =
            commands.process(connections, command, deliveryId, protocol.name(), now);
        recordLastEvent(connections, protocol.eventName(event), null, now);
        metrics.runsCreated(protocol.name(), outcome.result().created());
        yield commandAnswer(deliveryId, event, command, outcome);
      }
    };
  }

  private static Answer answer(String deliveryId, String event, PushProcessor.Result result) {
    List<String> skipped = result.skipped().isEmpty() ? null : result.skipped();
    if (!result.unavailable().isEmpty() || !result.refused().isEmpty()) {
      boolean unavailable = !result.unavailable().isEmpty();
      List<String> problems = unavailable ? result.unavailable() : result.refused();
      String error =
          (unavailable
                  ? "could not create all runs, redeliver to retry: "
                  : "the Kubernetes API refused runs: ")
              + String.join("; ", problems);
      return new Answer(
          unavailable ? 503 : 422,
          new DeliveryAnswer(deliveryId, event, result.runs(), null, skipped, error),
          unavailable ? "unavailable" : "refused");
    }
    if (result.runs().isEmpty()) {
      return new Answer(
          202,
          new DeliveryAnswer(
              deliveryId, event, List.of(), String.join("; ", result.skipped()), null, null),
          "ignored");
    }
    return new Answer(
        201, new DeliveryAnswer(deliveryId, event, result.runs(), null, skipped, null), "created");
  }

  /**
   * 201 with the runs a command started; 202 with the runs it cancelled or approved, or with why it
   * did nothing (no write access: ignored, not an error); 503 when the provider could not be asked.
   */
  private static Answer commandAnswer(
      String deliveryId, String event, Command command, CommandProcessor.Outcome outcome) {
    PushProcessor.Result result = outcome.result();
    if (result.created() > 0 || !result.unavailable().isEmpty()) {
      return answer(deliveryId, event, result);
    }
    List<String> skipped = result.skipped().isEmpty() ? null : result.skipped();
    if (!outcome.changed().isEmpty()) {
      return new Answer(
          202,
          new DeliveryAnswer(deliveryId, event, outcome.changed(), outcome.done(), skipped, null),
          "command");
    }
    if (!result.runs().isEmpty()) {
      return answer(deliveryId, event, result);
    }
    String reason =
        result.skipped().isEmpty()
            ? command.command().word()
                + ": pull request #"
                + command.number()
                + " has no run it applies to"
            : String.join("; ", result.skipped());
    return new Answer(
        202, new DeliveryAnswer(deliveryId, event, List.of(), reason, null, null), "ignored");
  }

  private void recordLastEvent(
      List<RepositoryConnection> connections, String type, String commit, Instant at) {
    connections.forEach(c -> lastEvents.record(c, type, commit, at));
  }

  /** Jackson's message and, when it knows one (limits do not), the place it stopped. */
  private static String where(JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    return e.getOriginalMessage()
        + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr());
  }

  private static Answer malformed(String deliveryId, String event, String reason) {
    return new Answer(400, DeliveryAnswer.error(deliveryId, event, reason), "malformed");
  }
}
