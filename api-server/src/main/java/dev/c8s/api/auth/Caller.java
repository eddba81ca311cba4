package dev.c8s.api.auth;

import java.util.List;
import java.util.Map;

/**
 * The authenticated user of a request, as the Kubernetes TokenReview reported it.
 *
 * @param username for example {@code system:serviceaccount:team-a:ci}
 * @param uid the user's uid, may be empty
 * @param groups the user's groups
 * @param extra extra attributes the authenticator attached, passed on to SubjectAccessReview
 */
public record Caller(
    String username, String uid, List<String> groups, Map<String, List<String>> extra) {

  /** The caller when authentication is disabled for development. */
  public static final Caller DEV_MODE =
      new Caller("c8s:insecure-dev-mode", "", List.of(), Map.of());

  /** Name of the request property holding the caller. */
  public static final String PROPERTY = Caller.class.getName();
}
