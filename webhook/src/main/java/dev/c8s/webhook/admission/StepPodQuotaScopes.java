package dev.c8s.webhook.admission;

import io.fabric8.kubernetes.api.model.ResourceQuotaSpec;
import io.fabric8.kubernetes.api.model.ScopedResourceSelectorRequirement;
import java.util.List;

/** Whether a ResourceQuota counts step pods (active deadline, requests, no priority class). */
public final class StepPodQuotaScopes {
  private StepPodQuotaScopes() {}

  /** Whether every scope and scope selector requirement of {@code spec} matches a step pod. */
  public static boolean appliesToStepPods(ResourceQuotaSpec spec) {
    if (spec == null) {
      return true;
    }
    List<String> scopes = spec.getScopes() == null ? List.of() : spec.getScopes();
    if (!scopes.stream().allMatch(scope -> matches(scope, "Exists", List.of()))) {
      return false;
    }
    if (spec.getScopeSelector() == null || spec.getScopeSelector().getMatchExpressions() == null) {
      return true;
    }
    return spec.getScopeSelector().getMatchExpressions().stream()
        .allMatch(StepPodQuotaScopes::matches);
  }

  private static boolean matches(ScopedResourceSelectorRequirement requirement) {
    List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
    return matches(requirement.getScopeName(), requirement.getOperator(), values);
  }

  private static boolean matches(String scope, String operator, List<String> values) {
    boolean stepPodHasIt =
        switch (scope == null ? "" : scope) {
          case "Terminating", "NotBestEffort" -> true;
          case "NotTerminating", "BestEffort", "PriorityClass", "CrossNamespacePodAffinity" ->
              false;
          // A scope this code does not know: count the quota, the stricter reading.
          default -> true;
        };
    return switch (operator == null ? "Exists" : operator) {
      case "Exists" -> stepPodHasIt;
      case "DoesNotExist" -> !stepPodHasIt;
      // Only PriorityClass takes values; a step pod has none, so "In" never matches it.
      case "In" -> stepPodHasIt && !values.isEmpty();
      case "NotIn" -> true;
      default -> true;
    };
  }
}
