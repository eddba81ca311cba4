package dev.c8s.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The real Gitea the forge ITs use starts, and its API creates a repository with a commit. */
class GiteaServerIT {

  @Test
  void giteaStartsWithAnAdminTokenAndCreatesARepositoryWithACommit() {
    try (GiteaServer gitea = GiteaServer.start()) {
      String head = gitea.createRepository("smoke");

      assertThat(head).matches("[0-9a-f]{40}");
      assertThat(gitea.api("GET", "/version", null).path("version").asText()).isEqualTo("1.26.0");
      gitea.commitFile("smoke", "docs/a.txt", "a");
      assertThat(gitea.head("smoke")).isNotEqualTo(head);
    }
  }
}
