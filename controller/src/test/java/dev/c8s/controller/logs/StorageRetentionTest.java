package dev.c8s.controller.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleExpiration;
import software.amazon.awssdk.services.s3.model.LifecycleRule;

class StorageRetentionTest {
  private static final LifecycleRule THEIRS =
      LifecycleRule.builder()
          .id("abort-uploads")
          .status(ExpirationStatus.ENABLED)
          .expiration(LifecycleExpiration.builder().days(7).build())
          .build();

  @Test
  void ruleExpiresEveryObjectOfTheBucketAfterTheGivenDays() {
    LifecycleRule rule = StorageRetention.rule(30);
    assertThat(rule.id()).isEqualTo(StorageRetention.RULE_ID);
    assertThat(rule.status()).isEqualTo(ExpirationStatus.ENABLED);
    assertThat(rule.filter().prefix()).isEmpty();
    assertThat(rule.expiration().days()).isEqualTo(30);
  }

  @Test
  void ourRuleIsAddedBesideTheBucketsOtherRules() {
    assertThat(StorageRetention.merged(List.of(THEIRS), 30))
        .containsExactly(THEIRS, StorageRetention.rule(30));
  }

  @Test
  void aChangedRetentionReplacesOurRuleInItsPlace() {
    List<LifecycleRule> existing = List.of(StorageRetention.rule(30), THEIRS);
    assertThat(StorageRetention.merged(existing, 10))
        .containsExactly(StorageRetention.rule(10), THEIRS);
  }

  @Test
  void anUnchangedRetentionGivesTheSameRulesSoNothingIsWritten() {
    List<LifecycleRule> existing = List.of(THEIRS, StorageRetention.rule(30));
    assertThat(StorageRetention.merged(existing, 30)).isEqualTo(existing);
  }

  @Test
  void zeroDaysRemovesOurRuleAndKeepsTheOthers() {
    assertThat(StorageRetention.merged(List.of(StorageRetention.rule(30), THEIRS), 0))
        .containsExactly(THEIRS);
    assertThat(StorageRetention.merged(List.of(StorageRetention.rule(30)), 0)).isEmpty();
  }

  @Test
  void negativeDaysAreRefusedWithTheSettingsMeaning() {
    assertThatThrownBy(() -> StorageRetention.merged(List.of(), -1))
        .hasMessageContaining("0 (off) or more");
  }
}
