package dev.c8s.webhook.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.c8s.model.v1alpha1.GitProvider;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** How one Git provider signs, identifies and describes its webhook deliveries. */
public interface ProviderProtocol {

  /** The provider whose RepositoryConnections this protocol serves. */
  GitProvider provider();

  /** The provider's name in paths, metrics and answers: {@code github}, ... */
  default String name() {
    return provider().name().toLowerCase(Locale.ROOT);
  }

  /** The header that carries the provider's event type. */
  String eventHeader();

  /** The event type header's value, or an empty string when it is missing. */
  default String event(DeliveryRequest request) {
    String event = request.header(eventHeader());
    return event == null ? "" : event.strip();
  }

  /** A short, bounded name for the event, for metrics and {@code status.lastEvent.type}. */
  String eventName(String event);

  /** The provider's id of this delivery, the same on every redelivery, if it sent one. */
  Optional<String> deliveryId(DeliveryRequest request);

  /** Whether the request carries a signature or token at all. */
  boolean isSigned(DeliveryRequest request);

  /** Whether the request's signature or token was made with {@code secret}. */
  boolean verify(DeliveryRequest request, byte[] secret);

  /** The payload paths that may hold the repository's URL (see {@link RepositoryUrlScanner}). */
  Set<String> repositoryUrlPaths();

  /** The JSON document of the delivery (GitHub may wrap it in a form field). */
  default byte[] json(DeliveryRequest request) {
    return request.body();
  }

  /** What the verified {@code payload} of an {@code event} asks for. */
  EventMeaning interpret(String event, JsonNode payload) throws MalformedPayloadException;
}
