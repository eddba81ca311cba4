package dev.c8s.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** Observed state of a RepositoryConnection: where to point the provider and what arrived last. */
@JsonClassDescription("Webhook endpoint and last accepted event (managed by c8s)")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RepositoryConnectionStatus {

  /** The URL to configure as the webhook in the provider. */
  @JsonProperty("webhookURL")
  @JsonPropertyDescription("Webhook endpoint URL to configure in provider")
  private String webhookUrl;

  /** Whether the webhook is registered with the provider. */
  @JsonPropertyDescription("Whether webhook is successfully registered")
  private Boolean webhookRegistered;

  /** The last webhook event accepted for this repository. */
  @JsonPropertyDescription("The last webhook event accepted for this repository")
  private LastEvent lastEvent;

  /** {@code WebhookRegistered}: whether c8s registered the webhook, and if not what to do. */
  @JsonPropertyDescription(
      "Conditions: WebhookRegistered (True, or False with what to do to let c8s register it)")
  private List<Condition> conditions;

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  @JsonProperty("webhookURL")
  public String getWebhookUrl() {
    return webhookUrl;
  }

  @JsonProperty("webhookURL")
  public void setWebhookUrl(String webhookUrl) {
    this.webhookUrl = webhookUrl;
  }

  public Boolean getWebhookRegistered() {
    return webhookRegistered;
  }

  public void setWebhookRegistered(Boolean webhookRegistered) {
    this.webhookRegistered = webhookRegistered;
  }

  public LastEvent getLastEvent() {
    return lastEvent;
  }

  public void setLastEvent(LastEvent lastEvent) {
    this.lastEvent = lastEvent;
  }
}
