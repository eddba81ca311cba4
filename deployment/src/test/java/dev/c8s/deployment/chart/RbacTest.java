package dev.c8s.deployment.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each service's ServiceAccount gets exactly the rights its code uses, and nothing more. */
class RbacTest {
  private static final Rendered DEFAULTS = HelmChart.render("");

  @Test
  void controllerRulesAreExactlyWhatReconcilingRunsNeeds() {
    assertThat(permissions(clusterRole("controller").getRules()))
        .containsExactlyInAnyOrderElementsOf(
            expand(
                "c8s.dev/pipelineruns: get list watch create patch update delete",
                "c8s.dev/pipelineconfigs: get list watch",
                "c8s.dev/repositoryconnections: get list watch patch update",
                "c8s.dev/pipelineruns/status: patch update",
                "c8s.dev/pipelineconfigs/status: patch update",
                "c8s.dev/repositoryconnections/status: patch update",
                "batch/jobs: create get list watch delete",
                "core/pods: get list watch",
                "core/pods/log: get",
                "core/resourcequotas: get list watch",
                "core/secrets: get",
                "core/events: create patch",
                "events.k8s.io/events: create patch"));
  }

  @Test
  void apiServerRulesCoverReviewsTheC8sResourcesAndReadingStepSecretsForMasking() {
    assertThat(permissions(clusterRole("api-server").getRules()))
        .containsExactlyInAnyOrderElementsOf(
            expand(
                "authentication.k8s.io/tokenreviews: create",
                "authorization.k8s.io/subjectaccessreviews: create",
                "c8s.dev/pipelineconfigs: get list watch create update patch delete",
                "c8s.dev/pipelineruns: get list watch create update patch delete",
                "c8s.dev/repositoryconnections: get list watch create update patch delete",
                "core/pods: get list",
                "core/pods/log: get",
                "core/secrets: get"));
  }

  @Test
  void webhookRulesCoverReceiversAndAdmissionChecks() {
    assertThat(permissions(clusterRole("webhook").getRules()))
        .containsExactlyInAnyOrderElementsOf(
            expand(
                "c8s.dev/pipelineconfigs: get list watch",
                "c8s.dev/repositoryconnections: get list watch",
                "c8s.dev/repositoryconnections/status: patch",
                "c8s.dev/pipelineruns: create get list patch",
                "core/secrets: get",
                "core/resourcequotas: get list"));
  }

  @Test
  void noServiceCanEnumerateOrChangeSecrets() {
    for (String component : List.of("controller", "api-server", "webhook")) {
      assertThat(permissions(clusterRole(component).getRules()))
          .as(component)
          .noneMatch(p -> p.matches("core/secrets: (list|watch|create|update|patch|delete)"));
    }
  }

  @Test
  void noRuleUsesWildcardsOrEscalationVerbs() {
    List<PolicyRule> rules =
        Stream.concat(
                DEFAULTS.all(ClusterRole.class).stream().flatMap(r -> r.getRules().stream()),
                DEFAULTS.all(Role.class).stream().flatMap(r -> r.getRules().stream()))
            .toList();

    assertThat(rules).isNotEmpty();
    assertThat(permissions(rules))
        .noneMatch(p -> p.contains("*"))
        .noneMatch(p -> p.matches(".*: (escalate|bind|impersonate)"));
  }

  @Test
  void leaderElectionLeaseIsOnlyGrantedInTheReleaseNamespace() {
    Role role = DEFAULTS.one(Role.class, "c8s-controller-leader-election");
    RoleBinding binding = DEFAULTS.one(RoleBinding.class, "c8s-controller-leader-election");

    assertThat(role.getMetadata().getNamespace()).isEqualTo(HelmChart.NAMESPACE);
    assertThat(permissions(role.getRules()))
        .containsExactlyInAnyOrder(
            "coordination.k8s.io/leases: get",
            "coordination.k8s.io/leases: create",
            "coordination.k8s.io/leases: update",
            // fabric8's leader elector renews with a JSON merge patch
            "coordination.k8s.io/leases: patch");
    assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
    assertThat(binding.getSubjects())
        .singleElement()
        .satisfies(s -> assertThat(s.getName()).isEqualTo("c8s-controller"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"controller", "api-server", "webhook"})
  void eachServiceAccountIsBoundToItsOwnClusterRoleOnly(String component) {
    String name = HelmChart.RELEASE + "-" + component;
    ServiceAccount account = DEFAULTS.one(ServiceAccount.class, name);
    ClusterRoleBinding binding = DEFAULTS.one(ClusterRoleBinding.class, name);

    assertThat(account.getMetadata().getNamespace()).isEqualTo(HelmChart.NAMESPACE);
    assertThat(binding.getRoleRef().getKind()).isEqualTo("ClusterRole");
    assertThat(binding.getRoleRef().getName()).isEqualTo(name);
    assertThat(binding.getSubjects())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getKind()).isEqualTo("ServiceAccount");
              assertThat(s.getName()).isEqualTo(name);
              assertThat(s.getNamespace()).isEqualTo(HelmChart.NAMESPACE);
            });
  }

  private static ClusterRole clusterRole(String component) {
    return DEFAULTS.one(ClusterRole.class, HelmChart.RELEASE + "-" + component);
  }

  /** Rules flattened to "group/resource: verb" (group "core" for ""), one entry per verb. */
  static Set<String> permissions(List<PolicyRule> rules) {
    Set<String> permissions = new TreeSet<>();
    for (PolicyRule rule : rules) {
      assertThat(rule.getResourceNames()).as("rules name no single objects").isNullOrEmpty();
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          for (String verb : rule.getVerbs()) {
            permissions.add((group.isEmpty() ? "core" : group) + "/" + resource + ": " + verb);
          }
        }
      }
    }
    return permissions;
  }

  private static Set<String> expand(String... lines) {
    Set<String> permissions = new TreeSet<>();
    for (String line : lines) {
      String[] parts = line.split(": ");
      for (String verb : parts[1].split(" ")) {
        permissions.add(parts[0] + ": " + verb);
      }
    }
    return permissions;
  }
}
