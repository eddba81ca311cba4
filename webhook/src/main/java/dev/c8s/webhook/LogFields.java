package dev.c8s.webhook;

import org.jboss.logging.MDC;

/**
 * The fields every log line of a delivery carries (seed 000's ComponentLog fields): JSON logs show
 * them under {@code mdc}, so a person filters one delivery's lines by its id.
 */
public final class LogFields {
  /** The provider's delivery id (GitHub's {@code X-GitHub-Delivery}, ...). */
  public static final String REQUEST_ID = "request_id";

  /** {@code github}, {@code gitlab} or {@code bitbucket}. */
  public static final String PROVIDER = "provider";

  private LogFields() {}

  /** Sets {@code field} for the log lines this thread writes until {@link #clear()}. */
  public static void put(String field, String value) {
    MDC.put(field, value);
  }

  /** Removes the fields, so the thread's next task does not inherit them. */
  public static void clear() {
    MDC.remove(REQUEST_ID);
    MDC.remove(PROVIDER);
  }
}
