package dev.c8s.api.auth;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Warns loudly at startup when authentication is switched off. */
public class AuthStartupCheck {
  private static final Logger LOG = Logger.getLogger(AuthStartupCheck.class);

  void onStart(@Observes StartupEvent event, AuthSettings settings) {
    if (settings.disabled()) {
      LOG.warn(
          "AUTHENTICATION AND AUTHORISATION ARE DISABLED (c8s.api.auth.insecure-disable-auth-dev-only"
              + "=true): every request is served without a token and without RBAC checks, with the"
              + " api-server's own rights. Use this only in a local development cluster.");
    }
  }
}
