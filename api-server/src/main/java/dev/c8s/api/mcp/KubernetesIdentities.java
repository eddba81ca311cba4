package dev.c8s.api.mcp;

import dev.c8s.api.auth.Caller;
import dev.c8s.api.auth.TokenReviews;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Turns a bearer token into a security identity with the Kubernetes TokenReview. */
@ApplicationScoped
public class KubernetesIdentities implements IdentityProvider<TokenAuthenticationRequest> {
  /** Attribute of the identity holding the {@link Caller} for SubjectAccessReviews. */
  static final String CALLER = Caller.PROPERTY;

  private final TokenReviews tokens;

  KubernetesIdentities(TokenReviews tokens) {
    this.tokens = tokens;
  }

  @Override
  public Class<TokenAuthenticationRequest> getRequestType() {
    return TokenAuthenticationRequest.class;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      TokenAuthenticationRequest request, AuthenticationRequestContext context) {
    // TokenReview is a blocking call to the Kubernetes API server.
    return context.runBlocking(
        () ->
            tokens
                .authenticate(request.getToken().getToken())
                .map(KubernetesIdentities::identity)
                .orElseThrow(AuthenticationFailedException::new));
  }

  /** The identity of an authenticated caller. */
  static SecurityIdentity identity(Caller caller) {
    return QuarkusSecurityIdentity.builder()
        .setPrincipal(new QuarkusPrincipal(caller.username()))
        .addRoles(java.util.Set.copyOf(caller.groups()))
        .addAttribute(CALLER, caller)
        .build();
  }
}
