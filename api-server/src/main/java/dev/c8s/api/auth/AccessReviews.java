package dev.c8s.api.auth;

import dev.c8s.model.v1alpha1.C8s;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;

/** Asks Kubernetes RBAC (SubjectAccessReview) whether a caller has a permission, briefly cached. */
@ApplicationScoped
public class AccessReviews {
  /**
   * The answer to one review.
   *
   * @param allowed whether the caller has the permission
   * @param reason the authorizer's explanation, may be empty
   */
  public record Decision(boolean allowed, String reason) {}

  private record Key(Caller caller, Access access) {}

  private final KubernetesClient client;
  private final ReviewCache<Key, Decision> cache;

  AccessReviews(KubernetesClient client, AuthSettings settings) {
    this.client = client;
    this.cache = new ReviewCache<>(settings.cacheTtl(), settings.cacheSize(), System::nanoTime);
  }

  /** Whether {@code caller} may perform {@code access}. */
  public Decision review(Caller caller, Access access) {
    return cache.get(new Key(caller, access), () -> ask(caller, access));
  }

  /**
   * Whether {@code caller} may perform {@code access} on its object. A right to every object of the
   * kind in the namespace covers each named one, and one cached answer then serves requests for any
   * object; only when it is refused is the object's own name asked about, for RBAC rules that list
   * resourceNames.
   */
  public Decision permits(Caller caller, Access access) {
    if (access.name().isEmpty()) {
      return review(caller, access);
    }
    Access anyObject =
        new Access(access.verb(), access.resource(), access.subresource(), access.namespace(), "");
    Decision broad = review(caller, anyObject);
    return broad.allowed() ? broad : review(caller, access);
  }

  private Decision ask(Caller caller, Access access) {
    SubjectAccessReview review =
        new SubjectAccessReviewBuilder()
            .withNewSpec()
            .withUser(caller.username())
            .withUid(caller.uid().isEmpty() ? null : caller.uid())
            .withGroups(caller.groups())
            .withExtra(caller.extra())
            .withNewResourceAttributes()
            .withGroup(C8s.GROUP)
            .withResource(access.resource())
            .withSubresource(access.subresource().isEmpty() ? null : access.subresource())
            .withVerb(access.verb())
            .withNamespace(access.namespace())
            .withName(access.name().isEmpty() ? null : access.name())
            .endResourceAttributes()
            .endSpec()
            .build();
    SubjectAccessReview answer = client.authorization().v1().subjectAccessReview().create(review);
    boolean allowed = answer.getStatus() != null && answer.getStatus().getAllowed();
    String reason = answer.getStatus() == null ? null : answer.getStatus().getReason();
    return new Decision(allowed, reason == null ? "" : reason);
  }
}
