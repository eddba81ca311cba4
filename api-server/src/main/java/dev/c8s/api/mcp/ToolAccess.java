package dev.c8s.api.mcp;

import dev.c8s.api.auth.Access;
import dev.c8s.api.auth.AccessReviews;
import dev.c8s.api.auth.AuthSettings;
import dev.c8s.api.auth.Caller;
import io.quarkiverse.mcp.server.ToolCallException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/** The caller of a tool and the RBAC check each tool makes, as the REST API's filters make it. */
@ApplicationScoped
public class ToolAccess {
  private final Instance<SecurityIdentity> identity;
  private final AccessReviews reviews;
  private final AuthSettings settings;

  ToolAccess(Instance<SecurityIdentity> identity, AccessReviews reviews, AuthSettings settings) {
    this.identity = identity;
    this.reviews = reviews;
    this.settings = settings;
  }

  /** The authenticated caller of the current tool call. */
  public Caller caller() {
    if (settings.disabled()) {
      return Caller.DEV_MODE;
    }
    Caller caller = identity.get().getAttribute(KubernetesIdentities.CALLER);
    if (caller == null) {
      // Unreachable behind the HTTP permission on /mcp; fail closed all the same.
      throw new ToolCallException("not authenticated: send a Kubernetes bearer token");
    }
    return caller;
  }

  /**
   * Returns the caller when Kubernetes RBAC grants it {@code verb} on the resource, else fails the
   * tool call with the sentence a 403 of the REST API carries.
   */
  public Caller require(
      String verb, String resource, String subresource, String namespace, String name) {
    Caller caller = caller();
    if (settings.disabled()) {
      return caller;
    }
    Access wanted = new Access(verb, resource, subresource, namespace, name);
    AccessReviews.Decision decision = reviews.permits(caller, wanted);
    if (!decision.allowed()) {
      String detail = "forbidden: " + wanted.denial(caller.username());
      if (!decision.reason().isEmpty()) {
        detail += " (" + decision.reason() + ")";
      }
      throw new ToolCallException(detail);
    }
    return caller;
  }

  /** Whether RBAC grants {@code caller} {@code verb} on the resource, for optional parts. */
  public boolean allowed(
      Caller caller,
      String verb,
      String resource,
      String subresource,
      String namespace,
      String name) {
    return settings.disabled()
        || reviews
            .permits(caller, new Access(verb, resource, subresource, namespace, name))
            .allowed();
  }
}
