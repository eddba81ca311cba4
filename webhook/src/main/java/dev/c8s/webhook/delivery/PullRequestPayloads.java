package dev.c8s.webhook.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.c8s.model.v1alpha1.PullRequest;
import dev.c8s.webhook.delivery.EventMeaning.PullRequestChange;
import java.util.Locale;

/** Builds the pull request a verified payload describes, naming the field that is missing. */
final class PullRequestPayloads {
  private PullRequestPayloads() {}

  /** The fields each provider's payload gives, read by its protocol. */
  record Fields(
      JsonNode number,
      String numberPath,
      String headCommit,
      String headBranch,
      String baseBranch,
      String headRepository,
      String baseRepository,
      String fetchRef,
      String url,
      String author) {}

  /**
   * The change to build. A pull request whose head repository differs from the base repository, or
   * is gone (a deleted fork), is a fork.
   */
  static PullRequestChange change(Fields fields) throws MalformedPayloadException {
    if (!fields.number().canConvertToLong() || fields.number().asLong() < 1) {
      throw new MalformedPayloadException(
          fields.numberPath()
              + ": "
              + (fields.number().isMissingNode() ? "missing" : "not a number"));
    }
    PullRequest pr = new PullRequest();
    pr.setNumber(fields.number().asLong());
    pr.setBaseBranch(fields.baseBranch());
    pr.setHeadBranch(fields.headBranch());
    pr.setHeadRepository(fields.headRepository());
    pr.setFork(
        fields.headRepository() == null
            || !fields.headRepository().equalsIgnoreCase(fields.baseRepository()));
    pr.setFetchRef(fields.fetchRef());
    pr.setUrl(fields.url());
    return new PullRequestChange(pr, fields.headCommit().toLowerCase(Locale.ROOT), fields.author());
  }

  /** Why an event of the pull request kind starts no run. */
  static EventMeaning.Ignored ignoredAction(String kind, String action, String builds) {
    return new EventMeaning.Ignored(
        kind
            + " action "
            + (action == null ? "(none)" : Payloads.shortName(action))
            + " starts no run: c8s builds "
            + builds);
  }

  /** A comment without a command. */
  static EventMeaning.Ignored noCommand() {
    return new EventMeaning.Ignored(
        "the comment gives no c8s command (a line starting with /ok-to-test, /retest or /cancel)");
  }
}
