package dev.c8s.webhook.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The JSON body of every webhook answer; absent fields are left out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryAnswer(
    String deliveryId,
    String event,
    List<RunRef> runs,
    String reason,
    List<String> skipped,
    String error) {

  // deliveryId: the provider's id (or the body's hash); runs: new or found again on a redelivery;
  // reason: why nothing started, or the answer to a ping; skipped: connections or branches that
  // started nothing; error: what went wrong, for 4xx and 5xx answers.
  /** The one 401 answer, the same for a bad signature and an unknown repository. */
  public static final DeliveryAnswer UNAUTHORIZED =
      error(
          null,
          null,
          "the delivery's signature or token is missing or does not match the webhook secret of"
              + " any RepositoryConnection for its repository");

  /** An answer that only reports an error. */
  public static DeliveryAnswer error(String deliveryId, String event, String error) {
    return new DeliveryAnswer(deliveryId, event, null, null, null, error);
  }

  /** An answer that started nothing, and why. */
  public static DeliveryAnswer ignored(String deliveryId, String event, String reason) {
    return new DeliveryAnswer(deliveryId, event, List.of(), reason, null, null);
  }
}
