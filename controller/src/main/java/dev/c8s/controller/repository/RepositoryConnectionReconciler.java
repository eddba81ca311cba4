package dev.c8s.controller.repository;

import dev.c8s.controller.config.ControllerSettings;
import dev.c8s.model.v1alpha1.RepositoryConnection;
import dev.c8s.model.v1alpha1.RepositoryConnectionStatus;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Objects;

/** Publishes the webhook URL a repository's provider must call in {@code status.webhookURL}. */
@ControllerConfiguration(name = "repositoryconnection")
public class RepositoryConnectionReconciler implements Reconciler<RepositoryConnection> {
  @Inject ControllerSettings settings;

  @Override
  public UpdateControl<RepositoryConnection> reconcile(
      RepositoryConnection connection, Context<RepositoryConnection> context) {
    String url = webhookUrl(settings.externalUrl(), connection);
    RepositoryConnectionStatus status = connection.getStatus();
    if (status != null && Objects.equals(status.getWebhookUrl(), url)) {
      return UpdateControl.noUpdate();
    }
    // Server-side apply of this field alone: lastEvent belongs to the webhook service.
    RepositoryConnectionStatus next = new RepositoryConnectionStatus();
    next.setWebhookUrl(url);
    RepositoryConnection patch = new RepositoryConnection();
    patch.setMetadata(connection.getMetadata());
    patch.setStatus(next);
    return UpdateControl.patchStatus(patch);
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
