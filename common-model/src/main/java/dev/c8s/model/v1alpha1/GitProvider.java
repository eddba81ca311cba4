package dev.c8s.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The Git hosting services whose webhooks c8s understands. */
public enum GitProvider {
  @JsonProperty("github")
  GITHUB,
  @JsonProperty("gitlab")
  GITLAB,
  @JsonProperty("bitbucket")
  BITBUCKET,
  /** Gitea and Forgejo, self-hosted; their API and webhooks follow GitHub's shape. */
  @JsonProperty("gitea")
  GITEA
}
