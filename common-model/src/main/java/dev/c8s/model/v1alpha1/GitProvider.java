package dev.c8s.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The Git hosting services whose webhooks c8s understands. */
public enum GitProvider {
  @JsonProperty("github")
  GITHUB,
  @JsonProperty("gitlab")
  GITLAB,
  @JsonProperty("bitbucket")
  BITBUCKET
}
