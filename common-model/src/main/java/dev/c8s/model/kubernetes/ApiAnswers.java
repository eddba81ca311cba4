package dev.c8s.model.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** What the Kubernetes API server's refusals mean, read the same way by every c8s service. */
public final class ApiAnswers {
  private static final int CONFLICT = 409;

  private ApiAnswers() {}

  /**
   * Whether a create was refused because an object of that name exists. Only a 409 with reason
   * {@code AlreadyExists} says so; another 409 (an update conflict, an admission webhook refusing
   * with that code) means nothing was created, and treating it as "exists" would lose the object.
   */
  public static boolean alreadyExists(KubernetesClientException e) {
    return e.getCode() == CONFLICT
        && e.getStatus() != null
        && "AlreadyExists".equals(e.getStatus().getReason());
  }
}
