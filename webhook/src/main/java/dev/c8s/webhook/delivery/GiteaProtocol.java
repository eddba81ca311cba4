package dev.c8s.webhook.delivery;

import dev.c8s.model.v1alpha1.GitProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.util.Optional;
import java.util.Set;

/**
 * Gitea and Forgejo: {@code X-Gitea-Signature} (the HMAC-SHA256 in hex, without a prefix), {@code
 * X-Gitea-Event}, {@code X-Gitea-Delivery}; payloads shaped like GitHub's, with the pull request
 * action {@code synchronized} for new commits.
 */
@ApplicationScoped
// Only this type: an injection point of GitHubProtocol must not find two beans.
@Typed(GiteaProtocol.class)
public class GiteaProtocol extends GitHubProtocol {
  static final String GITEA_SIGNATURE = "X-Gitea-Signature";
  static final String GITEA_EVENT = "X-Gitea-Event";
  static final String GITEA_DELIVERY = "X-Gitea-Delivery";
  private static final Set<String> BUILT = Set.of("opened", "synchronized", "reopened");

  @Override
  public GitProvider provider() {
    return GitProvider.GITEA;
  }

  @Override
  public String eventHeader() {
    return GITEA_EVENT;
  }

  @Override
  public Optional<String> deliveryId(DeliveryRequest request) {
    return Optional.ofNullable(request.header(GITEA_DELIVERY)).map(String::strip);
  }

  @Override
  public boolean isSigned(DeliveryRequest request) {
    return request.header(GITEA_SIGNATURE) != null;
  }

  @Override
  public boolean verify(DeliveryRequest request, byte[] secret) {
    String hex = request.header(GITEA_SIGNATURE);
    return hex != null
        && Signatures.sha256HeaderMatches(
            Signatures.SHA256_PREFIX + hex.strip(), secret, request.body());
  }

  @Override
  protected Set<String> builtActions() {
    return BUILT;
  }

  /**
   * Who opened the pull request: on Gitea a user with read access only may open one from the
   * repository itself (AGit, {@code refs/for/<branch>}), so that user's rights decide whether it is
   * trusted ({@link PullRequestTrust}).
   */
  @Override
  protected String[] authorPaths() {
    return new String[] {"pull_request.user.login", "sender.login"};
  }

  @Override
  protected String builtActionsText() {
    return "opened, synchronized and reopened";
  }
}
