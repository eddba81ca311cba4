package dev.c8s.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Instant;

/** Summary of a webhook event: its type, commit and arrival time. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LastEvent {

  /** Provider event type, for example {@code push}. */
  @JsonPropertyDescription("Provider event type (e.g. push)")
  private String type;

  /** Commit SHA the event carried. */
  @JsonPropertyDescription("Commit SHA the event carried")
  private String commit;

  /** When c8s received the event. */
  @JsonPropertyDescription("Time c8s received the event")
  private Instant timestamp;

  public LastEvent() {}

  public LastEvent(String type, String commit, Instant timestamp) {
    this.type = type;
    this.commit = commit;
    this.timestamp = timestamp;
  }

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  public String getCommit() {
    return commit;
  }

  public void setCommit(String commit) {
    this.commit = commit;
  }

  public Instant getTimestamp() {
    return timestamp;
  }

  public void setTimestamp(Instant timestamp) {
    this.timestamp = timestamp;
  }
}
