package dev.c8s.controller.forge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.model.forge.ForgeCredentials;
import dev.c8s.model.forge.ForgeRepository;
import dev.c8s.model.schedule.ScheduleReason;
import dev.c8s.model.v1alpha1.GitProvider;
import dev.c8s.testing.PublishedForgeApi;
import java.time.Clock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Reading a branch's head from each provider: the request held to the provider's published OpenAPI
 * description, and the head read from an answer of the documented shape.
 */
class BranchHeadRequestsIT {
  private static final String SHA = "9b2c1d0e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c";
  private static final String BRANCH = "release/1.2";
  private final ForgeClient client = new ForgeClient(Clock.systemUTC());

  private static ForgeRepository repository(PublishedForgeApi api, GitProvider provider) {
    return new ForgeRepository(
        provider, api.apiUrl(), provider == GitProvider.GITLAB ? "group/sub/app" : "org/app");
  }

  /** An answer with the head where each provider's branch schema puts it. */
  private static String answer(GitProvider provider) {
    return switch (provider) {
      case GITHUB ->
          "{\"name\":\"" + BRANCH + "\",\"commit\":{\"sha\":\"" + SHA + "\"},\"protected\":false}";
      case GITLAB, GITEA -> "{\"name\":\"" + BRANCH + "\",\"commit\":{\"id\":\"" + SHA + "\"}}";
      case BITBUCKET ->
          "{\"type\":\"branch\",\"name\":\"" + BRANCH + "\",\"target\":{\"hash\":\"" + SHA + "\"}}";
    };
  }

  private BranchHead ask(PublishedForgeApi api, GitProvider provider) throws Exception {
    ForgeClient.Exchange exchange =
        client.exchange(
            BranchHeadRequests.of(
                repository(api, provider), new ForgeCredentials("x-token-auth", "t0k"), BRANCH));
    return BranchHeadRequests.read(
        provider, BRANCH, exchange.status(), exchange.body(), "forge-token");
  }

  @ParameterizedTest
  @EnumSource(GitProvider.class)
  void aBranchWithASlashIsOneDocumentedRequestAndItsHeadIsRead(GitProvider provider)
      throws Exception {
    try (PublishedForgeApi api = PublishedForgeApi.start(provider)) {
      api.script(PublishedForgeApi.Answer.json(200, answer(provider)), 1);

      BranchHead head = ask(api, provider);

      assertThat(api.invalid()).isEmpty();
      assertThat(api.received())
          .singleElement()
          .satisfies(r -> assertThat(r.operation()).isNotNull());
      assertThat(head).isEqualTo(new BranchHead.Found(SHA));
    }
  }

  @ParameterizedTest
  @EnumSource(GitProvider.class)
  void aMissingBranchIsRefusedWithWhatToDo(GitProvider provider) throws Exception {
    try (PublishedForgeApi api = PublishedForgeApi.start(provider)) {
      api.script(PublishedForgeApi.Answer.json(404, "{\"message\":\"Branch Not Found\"}"), 1);

      BranchHead head = ask(api, provider);

      assertThat(head)
          .isInstanceOfSatisfying(
              BranchHead.Refused.class,
              refused -> {
                assertThat(refused.reason()).isEqualTo(ScheduleReason.BranchNotFound);
                assertThat(refused.message())
                    .contains(
                        "no branch \"release/1.2\"", "Branch Not Found", "spec.schedule.branch");
              });
    }
  }

  @ParameterizedTest
  @EnumSource(GitProvider.class)
  void aRefusedTokenNamesItsSecretAndAnOutageIsRetried(GitProvider provider) throws Exception {
    try (PublishedForgeApi api = PublishedForgeApi.start(provider)) {
      api.script(PublishedForgeApi.Answer.json(401, "{\"message\":\"Bad credentials\"}"), 1);
      api.script(PublishedForgeApi.Answer.json(503, "{\"message\":\"down\"}"), 1);

      BranchHead refused = ask(api, provider);
      BranchHead unavailable = ask(api, provider);

      assertThat(refused)
          .isInstanceOfSatisfying(
              BranchHead.Refused.class,
              r -> {
                assertThat(r.reason()).isEqualTo(ScheduleReason.ForgeRefused);
                assertThat(r.message()).contains("Secret forge-token", "Bad credentials");
              });
      assertThat(unavailable).isInstanceOf(BranchHead.Unavailable.class);
    }
  }
}
