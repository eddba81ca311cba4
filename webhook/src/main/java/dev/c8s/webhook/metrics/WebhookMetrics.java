package dev.c8s.webhook.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/** The webhook's Prometheus metrics, with tag values from fixed sets only. */
@ApplicationScoped
public class WebhookMetrics {
  // Never a tag value from a request: a sender must not be able to create series.
  private final MeterRegistry registry;

  public WebhookMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** {@code c8s_webhook_events_total{provider,event,outcome}}: one per delivery handled. */
  public void event(String provider, String event, String outcome) {
    Counter.builder("c8s.webhook.events")
        .description("Webhook deliveries by provider, event and outcome")
        .tags("provider", provider, "event", event, "outcome", outcome)
        .register(registry)
        .increment();
  }

  /** {@code c8s_webhook_signature_failures_total{provider,reason}}: deliveries answered 401. */
  public void signatureFailure(String provider, String reason) {
    Counter.builder("c8s.webhook.signature.failures")
        .description("Webhook deliveries refused because no connection's secret verified them")
        .tags("provider", provider, "reason", reason)
        .register(registry)
        .increment();
  }

  /** {@code c8s_webhook_runs_created_total{provider}}: runs created (a redelivery adds none). */
  public void runsCreated(String provider, int count) {
    Counter.builder("c8s.webhook.runs.created")
        .description("PipelineRuns created by webhook deliveries")
        .tags("provider", provider)
        .register(registry)
        .increment(count);
  }

  /**
   * {@code c8s_webhook_commands_total{provider,command,outcome}}: pull request comment commands;
   * outcome {@code accepted}, {@code denied} (no write access) or {@code unchecked} (no token, or
   * the provider did not answer).
   */
  public void command(String provider, String command, String outcome) {
    Counter.builder("c8s.webhook.commands")
        .description("Commands in pull request comments, by whether they were carried out")
        .tags("provider", provider, "command", command, "outcome", outcome)
        .register(registry)
        .increment();
  }

  /** {@code c8s_webhook_handling_seconds{provider,outcome}}: time from request to answer. */
  public void handled(String provider, String outcome, Duration took) {
    Timer.builder("c8s.webhook.handling")
        .description("Time to handle a webhook delivery, from its arrival to the answer")
        .tags("provider", provider, "outcome", outcome)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry)
        .record(took);
  }

  /** {@code c8s_admission_reviews_total{kind,operation,allowed}}: admission decisions. */
  public void admission(String kind, String operation, boolean allowed) {
    Counter.builder("c8s.admission.reviews")
        .description("AdmissionReview requests by kind, operation and decision")
        .tags("kind", kind, "operation", operation, "allowed", String.valueOf(allowed))
        .register(registry)
        .increment();
  }
}
