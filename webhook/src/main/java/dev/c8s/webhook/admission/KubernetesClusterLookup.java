package dev.c8s.webhook.admission;

import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineConfigSpec;
import dev.c8s.model.validation.ClusterLookup;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The cluster rules' view of the cluster, read through the Kubernetes API at admission time. */
@ApplicationScoped
public class KubernetesClusterLookup implements ClusterLookup {
  private final KubernetesClient client;

  public KubernetesClusterLookup(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public Optional<Set<String>> secretKeys(String namespace, String name) {
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    if (secret == null) {
      return Optional.empty();
    }
    Set<String> keys = new HashSet<>();
    if (secret.getData() != null) {
      keys.addAll(secret.getData().keySet());
    }
    if (secret.getStringData() != null) {
      keys.addAll(secret.getStringData().keySet());
    }
    return Optional.of(keys);
  }

  @Override
  public Optional<PipelineConfigSpec> pipelineConfig(String namespace, String name) {
    PipelineConfig config =
        client.resources(PipelineConfig.class).inNamespace(namespace).withName(name).get();
    return Optional.ofNullable(config).map(PipelineConfig::getSpec);
  }

  @Override
  public Map<String, Map<String, String>> resourceQuotaHard(String namespace) {
    Map<String, Map<String, String>> quotas = new LinkedHashMap<>();
    for (ResourceQuota quota : client.resourceQuotas().inNamespace(namespace).list().getItems()) {
      if (quota.getSpec() == null
          || quota.getSpec().getHard() == null
          || !StepPodQuotaScopes.appliesToStepPods(quota.getSpec())) {
        continue;
      }
      Map<String, String> hard = new LinkedHashMap<>();
      for (Map.Entry<String, Quantity> limit : quota.getSpec().getHard().entrySet()) {
        hard.put(limit.getKey(), limit.getValue().toString());
      }
      quotas.put(quota.getMetadata().getName(), hard);
    }
    return quotas;
  }
}
