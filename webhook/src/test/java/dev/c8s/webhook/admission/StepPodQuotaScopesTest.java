package dev.c8s.webhook.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ResourceQuotaSpec;
import io.fabric8.kubernetes.api.model.ResourceQuotaSpecBuilder;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which quota scopes count a step pod (active deadline, requests, no priority class). */
class StepPodQuotaScopesTest {

  @ParameterizedTest
  @CsvSource({
    "'', true",
    "Terminating, true",
    "NotBestEffort, true",
    "NotTerminating, false",
    "BestEffort, false",
    "Terminating NotBestEffort, true",
    "Terminating BestEffort, false",
  })
  void scopes(String scopes, boolean applies) {
    ResourceQuotaSpec spec =
        new ResourceQuotaSpecBuilder()
            .withScopes(scopes.isEmpty() ? List.of() : List.of(scopes.split(" ")))
            .build();
    assertThat(StepPodQuotaScopes.appliesToStepPods(spec)).isEqualTo(applies);
  }

  @ParameterizedTest
  @CsvSource({
    "PriorityClass, In, high, false",
    "PriorityClass, NotIn, high, true",
    "PriorityClass, Exists, '', false",
    "PriorityClass, DoesNotExist, '', true",
    "NotTerminating, Exists, '', false",
    "Terminating, Exists, '', true",
    "CrossNamespacePodAffinity, Exists, '', false",
  })
  void scopeSelectors(String scope, String operator, String values, boolean applies) {
    ResourceQuotaSpec spec =
        new ResourceQuotaSpecBuilder()
            .withNewScopeSelector()
            .addNewMatchExpression()
            .withScopeName(scope)
            .withOperator(operator)
            .withValues(values.isEmpty() ? List.of() : List.of(values))
            .endMatchExpression()
            .endScopeSelector()
            .build();
    assertThat(StepPodQuotaScopes.appliesToStepPods(spec)).isEqualTo(applies);
  }
}
