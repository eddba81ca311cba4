package dev.c8s.webhook.delivery;

/** A verified payload that lacks what its event must carry; the answer is 400 with the reason. */
public final class MalformedPayloadException extends Exception {
  public MalformedPayloadException(String reason) {
    super(reason);
  }
}
