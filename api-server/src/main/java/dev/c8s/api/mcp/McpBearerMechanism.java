package dev.c8s.api.mcp;

import dev.c8s.api.auth.AuthSettings;
import dev.c8s.api.auth.Caller;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Set;

/** Reads the Kubernetes bearer token of a request to the MCP endpoint (RFC 6750 challenges). */
@ApplicationScoped
public class McpBearerMechanism implements HttpAuthenticationMechanism {
  // The REST API authenticates in its own filters (AuthFilters); this mechanism serves /mcp only,
  // which the MCP extension routes outside JAX-RS. The challenge's error_description carries what
  // the REST API puts in a 401's problem detail, as MCP clients show the WWW-Authenticate header.

  /** Root path of the MCP endpoint (quarkus.mcp.server.http.root-path). */
  static final String ROOT = "/mcp";

  private static final String BEARER = "bearer ";
  private static final String PROBLEM = McpBearerMechanism.class.getName() + ".problem";

  private final AuthSettings settings;

  McpBearerMechanism(AuthSettings settings) {
    this.settings = settings;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      RoutingContext context, IdentityProviderManager identities) {
    String path = context.normalizedPath();
    if (!path.equals(ROOT) && !path.startsWith(ROOT + "/")) {
      return Uni.createFrom().nullItem();
    }
    if (settings.disabled()) {
      return Uni.createFrom().item(KubernetesIdentities.identity(Caller.DEV_MODE));
    }
    String header = context.request().getHeader("Authorization");
    if (header == null || header.isBlank()) {
      context.put(
          PROBLEM,
          "error=\"invalid_request\", error_description=\"no credentials: send Authorization:"
              + " Bearer <token> with a Kubernetes token (kubectl create token <service-account>)\"");
      return Uni.createFrom().nullItem();
    }
    if (!header.toLowerCase(Locale.ROOT).startsWith(BEARER)
        || header.substring(BEARER.length()).isBlank()) {
      context.put(
          PROBLEM,
          "error=\"invalid_request\", error_description=\"the Authorization header is not a"
              + " bearer token; send Authorization: Bearer <token>\"");
      return Uni.createFrom().nullItem();
    }
    context.put(
        PROBLEM,
        "error=\"invalid_token\", error_description=\"the bearer token was not accepted by the"
            + " Kubernetes API server (expired, revoked or not a token of this cluster)\"");
    TokenAuthenticationRequest request =
        new TokenAuthenticationRequest(
            new TokenCredential(header.substring(BEARER.length()).trim(), "bearer"));
    HttpSecurityUtils.setRoutingContextAttribute(request, context);
    // A refused token leaves the request anonymous: the permission on /mcp then answers 401 with
    // the challenge above, where a failed authentication would reach the MCP handler as a
    // JSON-RPC error without one.
    return identities
        .authenticate(request)
        .onFailure(AuthenticationFailedException.class)
        .recoverWithNull();
  }

  @Override
  public Uni<ChallengeData> getChallenge(RoutingContext context) {
    String problem = context.get(PROBLEM);
    String challenge = "Bearer realm=\"c8s\"" + (problem == null ? "" : ", " + problem);
    return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", challenge));
  }

  @Override
  public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
    return Set.of(TokenAuthenticationRequest.class);
  }
}
