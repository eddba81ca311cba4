package dev.c8s.model.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

class ApiAnswersTest {
  private static KubernetesClientException refusal(int code, String reason) {
    return new KubernetesClientException(
        new StatusBuilder().withCode(code).withReason(reason).withMessage("refused").build());
  }

  @Test
  void onlyA409WithReasonAlreadyExistsMeansTheObjectExists() {
    assertThat(ApiAnswers.alreadyExists(refusal(409, "AlreadyExists"))).isTrue();
  }

  @Test
  void otherConflictsAndRefusalsMeanNothingWasCreated() {
    assertThat(ApiAnswers.alreadyExists(refusal(409, "Conflict"))).isFalse();
    assertThat(ApiAnswers.alreadyExists(refusal(409, null))).isFalse();
    assertThat(ApiAnswers.alreadyExists(refusal(422, "AlreadyExists"))).isFalse();
    assertThat(ApiAnswers.alreadyExists(new KubernetesClientException("connection reset")))
        .isFalse();
  }
}
