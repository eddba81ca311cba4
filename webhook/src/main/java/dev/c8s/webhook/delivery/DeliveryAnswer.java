package dev.c8s.webhook.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The JSON body of every webhook answer; absent fields are left out.
 *
 * @param deliveryId the provider's delivery id (or the body's hash when it sent none)
 * @param event the provider's event name
 * @param runs the runs of this delivery, new or found again on a redelivery
 * @param reason why nothing was started, or the answer to a ping
 * @param skipped connections or branches that started nothing, and why
 * @param error what went wrong, for 4xx and 5xx answers
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryAnswer(
    String deliveryId,
    String event,
    List<RunRef> runs,
    String reason,
    List<String> skipped,
    String error) {

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
