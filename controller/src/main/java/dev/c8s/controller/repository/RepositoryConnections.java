package dev.c8s.controller.repository;

import dev.c8s.model.v1alpha1.RepositoryConnection;
import dev.c8s.model.v1alpha1.RepositoryUrls;
import java.util.List;
import java.util.Optional;

/** Which of a namespace's RepositoryConnections speaks for a repository. */
public final class RepositoryConnections {
  private RepositoryConnections() {}

  /**
   * The connection of {@code repository} that names credentials ({@code authSecretRef}): used to
   * clone it and to report commit statuses to its provider.
   */
  public static Optional<RepositoryConnection> withCredentials(
      List<RepositoryConnection> connections, String repository) {
    return connections.stream()
        .filter(c -> c.getSpec() != null && c.getSpec().getAuthSecretRef() != null)
        .filter(c -> RepositoryUrls.same(c.getSpec().getRepository(), repository))
        .findFirst();
  }
}
