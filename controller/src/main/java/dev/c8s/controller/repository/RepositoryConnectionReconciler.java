package dev.c8s.controller.repository;

import dev.c8s.controller.config.ControllerSettings;
import dev.c8s.model.v1alpha1.Condition;
import dev.c8s.model.v1alpha1.ConditionStatus;
import dev.c8s.model.v1alpha1.RepositoryConnection;
import dev.c8s.model.v1alpha1.RepositoryConnectionStatus;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * Publishes the webhook URL a repository's provider must call in {@code status.webhookURL},
 * registers that webhook at the provider when the connection's token may (and removes it when the
 * connection is deleted), and says truthfully in {@code status.webhookRegistered} and the {@code
 * WebhookRegistered} condition whether it is.
 */
@ControllerConfiguration(name = "repositoryconnection")
public class RepositoryConnectionReconciler
    implements Reconciler<RepositoryConnection>, Cleaner<RepositoryConnection> {
  /** The condition saying whether c8s registered the webhook, and if not what to do. */
  public static final String WEBHOOK_REGISTERED = "WebhookRegistered";

  /** How often a registered webhook is checked and set again (a rotated secret, a hand edit). */
  static final Duration RESYNC = Duration.ofHours(1);

  /** How soon an unreachable provider is asked again. */
  static final Duration RETRY = Duration.ofMinutes(1);

  /** How long a deletion waits for an unreachable provider before it lets the webhook be. */
  static final Duration GIVE_UP_REMOVING = Duration.ofMinutes(10);

  private static final Logger LOG = Logger.getLogger(RepositoryConnectionReconciler.class);

  @Inject ControllerSettings settings;
  @Inject WebhookRegistrar registrar;
  @Inject Clock clock;

  @Override
  public UpdateControl<RepositoryConnection> reconcile(
      RepositoryConnection connection, Context<RepositoryConnection> context) {
    String url = webhookUrl(settings.externalUrl(), connection);
    WebhookRegistration registration =
        url == null
            ? new WebhookRegistration.NotRegistered("NoProvider", "spec.provider is not set")
            : registrar.register(connection, url);
    RepositoryConnectionStatus current = connection.getStatus();
    if (registration instanceof WebhookRegistration.Retry retry) {
      LOG.infof(
          "webhook of RepositoryConnection %s/%s not registered yet: %s",
          connection.getMetadata().getNamespace(),
          connection.getMetadata().getName(),
          retry.message());
    }
    RepositoryConnectionStatus next = status(url, registration, current, clock.instant());
    UpdateControl<RepositoryConnection> control;
    if (current != null
        && Objects.equals(current.getWebhookUrl(), next.getWebhookUrl())
        && Objects.equals(current.getWebhookRegistered(), next.getWebhookRegistered())
        && sameCondition(current, next)) {
      control = UpdateControl.noUpdate();
    } else {
      // Server-side apply of these fields alone: lastEvent belongs to the webhook service.
      RepositoryConnection patch = new RepositoryConnection();
      patch.setMetadata(connection.getMetadata());
      patch.setStatus(next);
      control = UpdateControl.patchStatus(patch);
    }
    return switch (registration) {
      case WebhookRegistration.Retry retry -> control.rescheduleAfter(RETRY);
      // Secrets and the provider's grants are not watched: look again within the hour.
      case WebhookRegistration.NotRegistered not
          when !WebhookRegistrar.REASON_DISABLED.equals(not.reason()) ->
          control.rescheduleAfter(RESYNC);
      case WebhookRegistration.NotRegistered not -> control;
      case WebhookRegistration.Registered registered -> control.rescheduleAfter(RESYNC);
      case WebhookRegistration.Removed removed -> control;
    };
  }

  /** Removes the webhook c8s registered; an unreachable provider is asked for ten minutes. */
  @Override
  public DeleteControl cleanup(
      RepositoryConnection connection, Context<RepositoryConnection> context) {
    String url =
        connection.getStatus() != null && connection.getStatus().getWebhookUrl() != null
            ? connection.getStatus().getWebhookUrl()
            : webhookUrl(settings.externalUrl(), connection);
    WebhookRegistration removal = registrar.unregister(connection, url);
    String where =
        connection.getMetadata().getNamespace() + "/" + connection.getMetadata().getName();
    if (removal instanceof WebhookRegistration.Retry retry) {
      Instant since = Instant.parse(connection.getMetadata().getDeletionTimestamp());
      if (Duration.between(since, clock.instant()).compareTo(GIVE_UP_REMOVING) < 0) {
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(Duration.ofSeconds(30));
      }
      LOG.warnf(
          "RepositoryConnection %s deleted; its webhook at %s stays, the provider could not be"
              + " reached for %s: %s",
          where, url, GIVE_UP_REMOVING, retry.message());
    } else if (removal instanceof WebhookRegistration.NotRegistered refused) {
      LOG.warnf(
          "RepositoryConnection %s deleted; its webhook at %s stays: %s",
          where, url, refused.message());
    }
    return DeleteControl.defaultDelete();
  }

  private static RepositoryConnectionStatus status(
      String url,
      WebhookRegistration registration,
      RepositoryConnectionStatus current,
      Instant now) {
    RepositoryConnectionStatus next = new RepositoryConnectionStatus();
    next.setWebhookUrl(url);
    Condition condition =
        switch (registration) {
          case WebhookRegistration.Registered registered ->
              new Condition(
                  WEBHOOK_REGISTERED,
                  ConditionStatus.TRUE,
                  "Registered",
                  "The provider calls " + url + " for pushes, pull requests and comments");
          case WebhookRegistration.NotRegistered not ->
              new Condition(WEBHOOK_REGISTERED, ConditionStatus.FALSE, not.reason(), not.message());
          case WebhookRegistration.Retry retry ->
              new Condition(
                  WEBHOOK_REGISTERED,
                  ConditionStatus.UNKNOWN,
                  "ProviderUnavailable",
                  retry.message());
          case WebhookRegistration.Removed removed ->
              new Condition(WEBHOOK_REGISTERED, ConditionStatus.FALSE, "Removed", "removed");
        };
    Condition before = condition(current);
    condition.setLastTransitionTime(
        before != null && before.getStatus() == condition.getStatus()
            ? before.getLastTransitionTime()
            : now.truncatedTo(ChronoUnit.SECONDS));
    next.setConditions(List.of(condition));
    // Unknown keeps what was known: a provider outage does not unregister anything.
    next.setWebhookRegistered(
        switch (condition.getStatus()) {
          case TRUE -> true;
          case FALSE -> false;
          case UNKNOWN -> current != null && Boolean.TRUE.equals(current.getWebhookRegistered());
        });
    return next;
  }

  private static Condition condition(RepositoryConnectionStatus status) {
    if (status == null || status.getConditions() == null) {
      return null;
    }
    return status.getConditions().stream()
        .filter(c -> WEBHOOK_REGISTERED.equals(c.getType()))
        .findFirst()
        .orElse(null);
  }

  private static boolean sameCondition(RepositoryConnectionStatus a, RepositoryConnectionStatus b) {
    Condition x = condition(a);
    Condition y = condition(b);
    return x != null
        && y != null
        && x.getStatus() == y.getStatus()
        && Objects.equals(x.getReason(), y.getReason())
        && Objects.equals(x.getMessage(), y.getMessage());
  }

  /** {@code <external base URL>/webhooks/<provider>}; null when there is no provider yet. */
  static String webhookUrl(String base, RepositoryConnection connection) {
    if (connection.getSpec() == null || connection.getSpec().getProvider() == null) {
      return null;
    }
    String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    return trimmed
        + "/webhooks/"
        + connection.getSpec().getProvider().name().toLowerCase(Locale.ROOT);
  }
}
