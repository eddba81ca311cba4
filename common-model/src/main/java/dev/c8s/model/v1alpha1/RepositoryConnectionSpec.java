package dev.c8s.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** Which repository, on which provider, verified with which secret, building which pipeline. */
@JsonClassDescription("The repository, its provider, secrets and default pipeline")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RepositoryConnectionSpec {

  /** Git repository URL (https or ssh). */
  @Required
  @Pattern(Patterns.REPOSITORY_URL)
  @JsonPropertyDescription("Git repository URL")
  private String repository;

  /** github, gitlab, bitbucket or gitea (also Forgejo). */
  @Required
  @JsonPropertyDescription("Version control provider")
  private GitProvider provider;

  /** Secret whose key {@code webhook-secret} verifies webhook signatures. */
  @JsonPropertyDescription(
      "Kubernetes Secret containing webhook signature secret (key \"webhook-secret\")")
  private String webhookSecretRef;

  /** Secret with Git credentials: {@code username}/{@code password} or {@code ssh-key}. */
  @JsonPropertyDescription(
      "Kubernetes Secret containing Git credentials (keys \"username\" and \"password\", or"
          + " \"ssh-key\")")
  private String authSecretRef;

  /**
   * Base URL of the provider's REST API, for self-hosted providers and tests; derived from the
   * repository URL when empty.
   */
  @Pattern(Patterns.API_URL)
  @JsonProperty("apiURL")
  @JsonPropertyDescription(
      "Base URL of the provider's REST API, where c8s reports commit statuses. Empty: derived from"
          + " the repository (https://api.github.com, https://<host>/api/v3 for GitHub"
          + " Enterprise, https://<host>/api/v4 for GitLab, https://api.bitbucket.org/2.0)")
  private String apiUrl;

  /** PipelineConfig in the same namespace that pushes to this repository run. */
  @JsonPropertyDescription("Default PipelineConfig to use for this repository")
  private String pipelineConfigRef;

  /** False: c8s leaves the provider's webhooks alone (configured by hand). */
  @Default("true")
  @JsonPropertyDescription(
      "Register and keep the webhook on the provider with the authSecretRef token (it needs the"
          + " right to administer the repository's webhooks); false to configure it by hand")
  private Boolean registerWebhook;

  /** How pull requests are built, and how far forks are trusted. */
  @JsonPropertyDescription(
      "How pull requests are built; by default they are, and runs for forks wait for /ok-to-test")
  private PullRequestPolicy pullRequests;

  public String getRepository() {
    return repository;
  }

  public void setRepository(String repository) {
    this.repository = repository;
  }

  public GitProvider getProvider() {
    return provider;
  }

  public void setProvider(GitProvider provider) {
    this.provider = provider;
  }

  public String getWebhookSecretRef() {
    return webhookSecretRef;
  }

  public void setWebhookSecretRef(String webhookSecretRef) {
    this.webhookSecretRef = webhookSecretRef;
  }

  public String getAuthSecretRef() {
    return authSecretRef;
  }

  public void setAuthSecretRef(String authSecretRef) {
    this.authSecretRef = authSecretRef;
  }

  @JsonProperty("apiURL")
  public String getApiUrl() {
    return apiUrl;
  }

  @JsonProperty("apiURL")
  public void setApiUrl(String apiUrl) {
    this.apiUrl = apiUrl;
  }

  public String getPipelineConfigRef() {
    return pipelineConfigRef;
  }

  public void setPipelineConfigRef(String pipelineConfigRef) {
    this.pipelineConfigRef = pipelineConfigRef;
  }

  public PullRequestPolicy getPullRequests() {
    return pullRequests;
  }

  public void setPullRequests(PullRequestPolicy pullRequests) {
    this.pullRequests = pullRequests;
  }

  public Boolean getRegisterWebhook() {
    return registerWebhook;
  }

  public void setRegisterWebhook(Boolean registerWebhook) {
    this.registerWebhook = registerWebhook;
  }
}
