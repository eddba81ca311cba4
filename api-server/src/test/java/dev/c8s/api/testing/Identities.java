package dev.c8s.api.testing;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;

/** Real ServiceAccounts with real RBAC on the test control plane, and their tokens. */
public final class Identities {
  private static final String ADMIN_NAMESPACE = "c8s-test-identities";
  private static String adminToken;

  private Identities() {}

  /** Token of a ServiceAccount bound to cluster-admin: allowed everything everywhere. */
  public static synchronized String admin() {
    if (adminToken == null) {
      KubernetesClient client = TestEnvironment.controlPlane().client();
      if (client.namespaces().withName(ADMIN_NAMESPACE).get() == null) {
        client
            .namespaces()
            .resource(
                new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                    .withNewMetadata()
                    .withName(ADMIN_NAMESPACE)
                    .endMetadata()
                    .build())
            .create();
      }
      serviceAccount(ADMIN_NAMESPACE, "admin");
      client
          .rbac()
          .clusterRoleBindings()
          .resource(
              new ClusterRoleBindingBuilder()
                  .withNewMetadata()
                  .withName("c8s-test-admin")
                  .endMetadata()
                  .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "cluster-admin")
                  .addNewSubject()
                  .withKind("ServiceAccount")
                  .withName("admin")
                  .withNamespace(ADMIN_NAMESPACE)
                  .endSubject()
                  .build())
          .serverSideApply();
      awaitAllowed(adminUsername(), ADMIN_NAMESPACE, "pipelineruns", "list");
      adminToken = token(ADMIN_NAMESPACE, "admin");
    }
    return adminToken;
  }

  /** A fresh token of the admin ServiceAccount, valid for {@code seconds}. */
  public static String admin(long seconds) {
    admin();
    return token(ADMIN_NAMESPACE, "admin", seconds);
  }

  /** The username Kubernetes gives the admin ServiceAccount. */
  public static String adminUsername() {
    return "system:serviceaccount:" + ADMIN_NAMESPACE + ":admin";
  }

  /** Token of ServiceAccount {@code name} in {@code namespace} granted only {@code rules} there. */
  public static String withRules(String namespace, String name, List<PolicyRule> rules) {
    KubernetesClient client = TestEnvironment.controlPlane().client();
    serviceAccount(namespace, name);
    if (!rules.isEmpty()) {
      client
          .rbac()
          .roles()
          .inNamespace(namespace)
          .resource(
              new RoleBuilder()
                  .withNewMetadata()
                  .withName(name)
                  .withNamespace(namespace)
                  .endMetadata()
                  .withRules(rules)
                  .build())
          .serverSideApply();
      client
          .rbac()
          .roleBindings()
          .inNamespace(namespace)
          .resource(
              new RoleBindingBuilder()
                  .withNewMetadata()
                  .withName(name)
                  .withNamespace(namespace)
                  .endMetadata()
                  .withNewRoleRef("rbac.authorization.k8s.io", "Role", name)
                  .addNewSubject()
                  .withKind("ServiceAccount")
                  .withName(name)
                  .withNamespace(namespace)
                  .endSubject()
                  .build())
          .serverSideApply();
      PolicyRule first = rules.get(0);
      awaitAllowed(
          "system:serviceaccount:" + namespace + ":" + name,
          namespace,
          first.getResources().get(0),
          first.getVerbs().get(0));
    }
    return token(namespace, name);
  }

  // RBAC reaches the authorizer through an informer: wait until it sees the new binding, so the
  // api-server's first review (which it caches) gives the final answer.
  private static void awaitAllowed(String user, String namespace, String resource, String verb) {
    KubernetesClient client = TestEnvironment.controlPlane().client();
    String[] parts = resource.split("/", 2);
    await("RBAC grants " + user + " " + verb + " " + resource)
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                client
                    .authorization()
                    .v1()
                    .subjectAccessReview()
                    .create(
                        new SubjectAccessReviewBuilder()
                            .withNewSpec()
                            .withUser(user)
                            .withGroups("system:serviceaccounts", "system:authenticated")
                            .withNewResourceAttributes()
                            .withGroup("c8s.dev")
                            .withResource(parts[0])
                            .withSubresource(parts.length > 1 ? parts[1] : null)
                            .withVerb(verb)
                            .withNamespace(namespace)
                            .endResourceAttributes()
                            .endSpec()
                            .build())
                    .getStatus()
                    .getAllowed());
  }

  /** A rule of group c8s.dev. */
  public static PolicyRule rule(List<String> resources, String... verbs) {
    return new PolicyRuleBuilder()
        .withApiGroups("c8s.dev")
        .withResources(resources)
        .withVerbs(verbs)
        .build();
  }

  private static void serviceAccount(String namespace, String name) {
    TestEnvironment.controlPlane()
        .client()
        .serviceAccounts()
        .inNamespace(namespace)
        .resource(
            new ServiceAccountBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .endMetadata()
                .build())
        .serverSideApply();
  }

  private static String token(String namespace, String name) {
    return token(namespace, name, 600L);
  }

  private static String token(String namespace, String name, long seconds) {
    return TestEnvironment.controlPlane()
        .client()
        .serviceAccounts()
        .inNamespace(namespace)
        .withName(name)
        .tokenRequest(
            new TokenRequestBuilder().withNewSpec().withExpirationSeconds(600L).endSpec().build())
        .getStatus()
        .getToken();
  }
}
