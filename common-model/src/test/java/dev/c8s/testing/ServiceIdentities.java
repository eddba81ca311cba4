package dev.c8s.testing;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The identities the Helm chart gives the three services — their ServiceAccounts and exactly the
 * RBAC {@code charts/c8s} renders, applied to a control plane — and client settings that
 * authenticate as one of them, so a service under test has no more rights than in a cluster.
 */
public final class ServiceIdentities {
  /** The namespace the chart is "installed" into; the controller's Lease lives here. */
  public static final String RELEASE_NAMESPACE = "c8s-system";

  /** The release name; ServiceAccounts are {@code c8s-<component>}. */
  public static final String RELEASE = "c8s";

  /** The kinds that make up a service's identity in the chart. */
  public static final List<Class<? extends HasMetadata>> RBAC_KINDS =
      List.of(
          ServiceAccount.class,
          ClusterRole.class,
          ClusterRoleBinding.class,
          Role.class,
          RoleBinding.class);

  /** Lifetime of the tokens handed out: longer than any test JVM lives. */
  private static final long TOKEN_SECONDS = 12 * 3600L;

  /** The three services, by the component name the chart uses. */
  public enum Service {
    CONTROLLER("controller"),
    API_SERVER("api-server"),
    WEBHOOK("webhook");

    private final String component;

    Service(String component) {
      this.component = component;
    }

    /** The chart's name of the component: controller, api-server or webhook. */
    public String component() {
      return component;
    }

    /** The chart's ServiceAccount name of this service. */
    public String serviceAccount() {
      return RELEASE + "-" + component;
    }

    /** The user name the API server sees for it. */
    public String userName() {
      return "system:serviceaccount:" + RELEASE_NAMESPACE + ":" + serviceAccount();
    }
  }

  private final KubernetesClient admin;

  private ServiceIdentities(KubernetesClient admin) {
    this.admin = admin;
  }

  /** Renders the chart's RBAC with default values and applies it (idempotent). */
  public static ServiceIdentities apply(KubernetesClient admin) {
    if (admin.namespaces().withName(RELEASE_NAMESPACE).get() == null) {
      admin
          .namespaces()
          .resource(
              new NamespaceBuilder()
                  .withNewMetadata()
                  .withName(RELEASE_NAMESPACE)
                  .endMetadata()
                  .build())
          .create();
    }
    for (HasMetadata object : renderedRbac()) {
      admin.resource(object).forceConflicts().serverSideApply();
    }
    return new ServiceIdentities(admin);
  }

  /** The ServiceAccounts, (Cluster)Roles and bindings of {@code helm template} with defaults. */
  public static List<HasMetadata> renderedRbac() {
    String manifest =
        new Helm(ControlPlaneBinaries.repositoryRoot().resolve("charts/c8s"))
            .template()
            .withName(RELEASE)
            .withNamespace(RELEASE_NAMESPACE)
            .withKubeVersion(ControlPlaneBinaries.version())
            .call();
    Object parsed = new KubernetesSerialization().unmarshal(manifest);
    List<?> objects = parsed instanceof List<?> list ? list : List.of(parsed);
    return objects.stream()
        .filter(Objects::nonNull)
        .map(HasMetadata.class::cast)
        .filter(o -> RBAC_KINDS.stream().anyMatch(k -> k.isInstance(o)))
        .toList();
  }

  /** A fresh bound token of {@code service}'s ServiceAccount. */
  public String token(Service service) {
    return admin
        .serviceAccounts()
        .inNamespace(RELEASE_NAMESPACE)
        .withName(service.serviceAccount())
        .tokenRequest(
            new TokenRequestBuilder()
                .withNewSpec()
                .withExpirationSeconds(TOKEN_SECONDS)
                .endSpec()
                .build())
        .getStatus()
        .getToken();
  }

  /** A client that authenticates as {@code service}; the caller closes it. */
  public KubernetesClient client(Service service) {
    return tokenClient(admin, token(service));
  }

  /** A client of {@code admin}'s cluster that authenticates with {@code token} only. */
  public static KubernetesClient tokenClient(KubernetesClient admin, String token) {
    Config adminConfig = admin.getConfiguration();
    // A fresh Config: the admin's client certificate must not ride along with the token.
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(adminConfig.getMasterUrl())
            .withCaCertData(adminConfig.getCaCertData())
            .withCaCertFile(adminConfig.getCaCertFile())
            .withNamespace(RELEASE_NAMESPACE)
            .withOauthToken(token)
            .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /**
   * Quarkus configuration that points {@code quarkus-kubernetes-client} at the control plane as
   * {@code service}, with its ServiceAccount's token and the release namespace as its own.
   */
  public Map<String, String> quarkusClientProperties(Service service) {
    Config adminConfig = admin.getConfiguration();
    Map<String, String> properties = new HashMap<>();
    properties.put("quarkus.kubernetes-client.api-server-url", adminConfig.getMasterUrl());
    if (adminConfig.getCaCertData() != null) {
      properties.put("quarkus.kubernetes-client.ca-cert-data", adminConfig.getCaCertData());
    } else if (adminConfig.getCaCertFile() != null) {
      properties.put("quarkus.kubernetes-client.ca-cert-file", adminConfig.getCaCertFile());
    }
    properties.put("quarkus.kubernetes-client.token", token(service));
    properties.put("quarkus.kubernetes-client.namespace", RELEASE_NAMESPACE);
    return properties;
  }
}
