package dev.c8s.api.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/** Authentication and authorisation settings ({@code c8s.api.auth.*}). */
@ConfigMapping(prefix = "c8s.api.auth")
public interface AuthSettings {

  /**
   * INSECURE, for the local development loop only: when true every request is served without a
   * token and without RBAC checks, as the api-server's own service account.
   */
  @WithName("insecure-disable-auth-dev-only")
  @WithDefault("false")
  boolean disabled();

  /** How long a TokenReview or SubjectAccessReview answer is reused for the same question. */
  @WithDefault("10s")
  Duration cacheTtl();

  /** Most answers kept per cache; past it the least used go first (the answers in use stay). */
  @WithDefault("10000")
  int cacheSize();
}
