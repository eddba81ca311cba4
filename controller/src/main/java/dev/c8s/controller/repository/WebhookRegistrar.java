package dev.c8s.controller.repository;

import com.fasterxml.jackson.databind.JsonNode;
import dev.c8s.controller.forge.ForgeClient;
import dev.c8s.controller.forge.WebhookRequests;
import dev.c8s.model.forge.ForgeCredentials;
import dev.c8s.model.forge.ForgeRepository;
import dev.c8s.model.forge.ForgeRequest;
import dev.c8s.model.forge.WebhookSecret;
import dev.c8s.model.v1alpha1.RepositoryConnection;
import dev.c8s.model.v1alpha1.RepositoryConnectionSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Registers a RepositoryConnection's webhook at its provider with the connection's token, keeps its
 * URL, secret and events as c8s wants them, and removes it: observe (list the hooks), decide
 * (create, update or delete the one calling our URL), act.
 */
@ApplicationScoped
public class WebhookRegistrar {
  static final String REASON_DISABLED = "RegistrationDisabled";
  static final String REASON_NO_TOKEN = "NoToken";
  static final String REASON_NO_SECRET = "NoWebhookSecret";
  static final String REASON_URL_NOT_PUBLIC = "WebhookURLNotPublic";
  static final String REASON_REFUSED = "TokenRefused";

  private final KubernetesClient client;
  private final ForgeClient forge;

  public WebhookRegistrar(KubernetesClient client, ForgeClient forge) {
    this.client = client;
    this.forge = forge;
  }

  /** Makes the provider call {@code url} for the connection's repository, signed as it should. */
  public WebhookRegistration register(RepositoryConnection connection, String url) {
    try {
      return registered(connection, url);
    } catch (RuntimeException e) {
      // An answer that is no JSON (a proxy's error page), a Secret that cannot be read: try later.
      return new WebhookRegistration.Retry(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private WebhookRegistration registered(RepositoryConnection connection, String url) {
    RepositoryConnectionSpec spec = connection.getSpec();
    if (Boolean.FALSE.equals(spec.getRegisterWebhook())) {
      return new WebhookRegistration.NotRegistered(
          REASON_DISABLED,
          "spec.registerWebhook is false: configure the webhook at the provider by hand, calling "
              + url);
    }
    ForgeRepository repository = ForgeRepository.of(spec);
    // Before any Secret is read: with the chart's in-cluster default, this is the answer.
    if (!isPublic(url)) {
      return new WebhookRegistration.NotRegistered(
          REASON_URL_NOT_PUBLIC,
          url
              + " is an address inside the cluster, which "
              + repository.provider().name().toLowerCase(Locale.ROOT)
              + " cannot call: set the chart's webhook.externalUrl (or enable its Ingress) to the"
              + " public address of the webhook service");
    }
    Optional<ForgeCredentials> credentials = credentials(connection);
    if (credentials.isEmpty()) {
      return new WebhookRegistration.NotRegistered(
          REASON_NO_TOKEN,
          "c8s registers the webhook when spec.authSecretRef names a Secret with a key \"token\""
              + " that may administer webhooks ("
              + scope(repository)
              + "); add one, or configure the webhook by hand calling "
              + url);
    }
    Optional<String> secret = webhookSecret(connection);
    if (secret.isEmpty()) {
      return new WebhookRegistration.NotRegistered(
          REASON_NO_SECRET,
          "spec.webhookSecretRef must name a Secret with a key \"webhook-secret\": c8s signs the"
              + " webhook with it");
    }
    try {
      ForgeClient.Exchange listed =
          forge.exchange(WebhookRequests.list(repository, credentials.get()));
      if (listed.status() != 200) {
        return answer(repository, listed, "list the webhooks of");
      }
      Optional<String> existing = WebhookRequests.find(repository, json(listed.body()), url);
      ForgeRequest request =
          existing.isPresent()
              ? WebhookRequests.update(
                  repository, credentials.get(), existing.get(), url, secret.get())
              : WebhookRequests.create(repository, credentials.get(), url, secret.get());
      ForgeClient.Exchange done = forge.exchange(request);
      if (done.status() / 100 != 2) {
        return answer(
            repository,
            done,
            existing.isPresent() ? "update the webhook of" : "create a webhook on");
      }
      if (existing.isPresent()) {
        return new WebhookRegistration.Registered(existing.get());
      }
      return new WebhookRegistration.Registered(
          WebhookRequests.id(repository, json(done.body())).orElse(null));
    } catch (IOException e) {
      return new WebhookRegistration.Retry(
          repository.provider().name() + " could not be reached: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new WebhookRegistration.Retry("interrupted");
    }
  }

  /** Deletes the provider's webhook calling {@code url}, if c8s may; leaves others alone. */
  public WebhookRegistration unregister(RepositoryConnection connection, String url) {
    try {
      return unregistered(connection, url);
    } catch (RuntimeException e) {
      return new WebhookRegistration.Retry(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private WebhookRegistration unregistered(RepositoryConnection connection, String url) {
    RepositoryConnectionSpec spec = connection.getSpec();
    if (spec == null || Boolean.FALSE.equals(spec.getRegisterWebhook()) || url == null) {
      return new WebhookRegistration.Removed();
    }
    Optional<ForgeCredentials> credentials = credentials(connection);
    boolean wasRegistered =
        connection.getStatus() != null
            && Boolean.TRUE.equals(connection.getStatus().getWebhookRegistered());
    if (credentials.isEmpty() && !wasRegistered) {
      return new WebhookRegistration.Removed();
    }
    if (credentials.isEmpty()) {
      // Deleting a namespace deletes the token Secret with the connection.
      return new WebhookRegistration.NotRegistered(
          REASON_NO_TOKEN,
          "the token Secret is gone, so the webhook calling " + url + " could not be removed");
    }
    ForgeRepository repository = ForgeRepository.of(spec);
    try {
      ForgeClient.Exchange listed =
          forge.exchange(WebhookRequests.list(repository, credentials.get()));
      if (listed.status() != 200) {
        return answer(repository, listed, "list the webhooks of");
      }
      Optional<String> existing = WebhookRequests.find(repository, json(listed.body()), url);
      if (existing.isEmpty()) {
        return new WebhookRegistration.Removed();
      }
      ForgeClient.Exchange deleted =
          forge.exchange(WebhookRequests.delete(repository, credentials.get(), existing.get()));
      if (deleted.status() / 100 == 2 || deleted.status() == 404) {
        return new WebhookRegistration.Removed();
      }
      return answer(repository, deleted, "delete the webhook of");
    } catch (IOException e) {
      return new WebhookRegistration.Retry(
          repository.provider().name() + " could not be reached: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new WebhookRegistration.Retry("interrupted");
    }
  }

  /** A refusal names what the token needs; 429 and 5xx are tried again. */
  private static WebhookRegistration answer(
      ForgeRepository repository, ForgeClient.Exchange exchange, String what) {
    String provider = repository.provider().name();
    if (exchange.status() == 429 || exchange.status() >= 500) {
      return new WebhookRegistration.Retry(
          provider
              + " answered "
              + exchange.status()
              + " when asked to "
              + what
              + " "
              + repository.path());
    }
    return new WebhookRegistration.NotRegistered(
        REASON_REFUSED,
        provider
            + " refused to "
            + what
            + " "
            + repository.path()
            + " ("
            + exchange.status()
            + "): the token of spec.authSecretRef needs "
            + scope(repository));
  }

  /** What a token needs to administer webhooks, in each provider's words. */
  static String scope(ForgeRepository repository) {
    return switch (repository.provider()) {
      case GITHUB ->
          "the admin:repo_hook scope (classic token) or \"Webhooks: read and write\""
              + " (fine-grained token)";
      case GITLAB -> "the api scope and the Maintainer role on the project";
      case BITBUCKET -> "the webhook scope of a repository admin";
      case GITEA -> "the write:repository scope and admin rights on the repository";
    };
  }

  /** Whether the provider can reach {@code url}: not a Service name or a loopback host. */
  static boolean isPublic(String url) {
    String host = URI.create(url).getHost();
    if (host == null) {
      return false;
    }
    host = host.toLowerCase(Locale.ROOT);
    return !(host.endsWith(".svc")
        || host.endsWith(".svc.cluster.local")
        || host.endsWith(".cluster.local")
        || host.equals("localhost")
        || host.startsWith("127.")
        || !host.contains("."));
  }

  private Optional<ForgeCredentials> credentials(RepositoryConnection connection) {
    String name = connection.getSpec() == null ? null : connection.getSpec().getAuthSecretRef();
    return secret(connection, name).map(ForgeCredentials::from);
  }

  private Optional<String> webhookSecret(RepositoryConnection connection) {
    return secret(connection, connection.getSpec().getWebhookSecretRef())
        .flatMap(WebhookSecret::of);
  }

  private Optional<Secret> secret(RepositoryConnection connection, String name) {
    if (name == null || name.isBlank()) {
      return Optional.empty();
    }
    return Optional.ofNullable(
        client.secrets().inNamespace(connection.getMetadata().getNamespace()).withName(name).get());
  }

  private JsonNode json(String body) {
    return client.getKubernetesSerialization().unmarshal(body, JsonNode.class);
  }
}
