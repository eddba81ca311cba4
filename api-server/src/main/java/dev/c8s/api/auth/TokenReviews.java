package dev.c8s.api.auth;

import dev.c8s.model.text.Sha256;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Authenticates bearer tokens with the Kubernetes TokenReview API, caching answers briefly. */
@ApplicationScoped
public class TokenReviews {
  private final KubernetesClient client;
  private final ReviewCache<String, Optional<Caller>> cache;

  TokenReviews(KubernetesClient client, AuthSettings settings) {
    this.client = client;
    this.cache = new ReviewCache<>(settings.cacheTtl(), settings.cacheSize(), System::nanoTime);
  }

  /** The user the token belongs to, or empty when the API server does not accept the token. */
  public Optional<Caller> authenticate(String token) {
    // Keyed by a hash so that no token is kept in memory longer than the request needs it.
    return cache.get(Sha256.hex(token), () -> review(token));
  }

  private Optional<Caller> review(String token) {
    TokenReview review =
        client
            .authentication()
            .v1()
            .tokenReviews()
            .create(new TokenReviewBuilder().withNewSpec().withToken(token).endSpec().build());
    if (review.getStatus() == null
        || !Boolean.TRUE.equals(review.getStatus().getAuthenticated())
        || review.getStatus().getUser() == null) {
      return Optional.empty();
    }
    UserInfo user = review.getStatus().getUser();
    return Optional.of(
        new Caller(
            user.getUsername(),
            user.getUid() == null ? "" : user.getUid(),
            user.getGroups() == null ? List.of() : List.copyOf(user.getGroups()),
            user.getExtra() == null ? Map.of() : Map.copyOf(user.getExtra())));
  }
}
