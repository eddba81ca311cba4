package dev.c8s.api.kube;

import dev.c8s.model.v1alpha1.C8s;
import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.validation.PipelineConfigValidator;
import dev.c8s.model.validation.ValidationResult;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;

/** PipelineConfigs in Kubernetes, validated with the shared validator before every write. */
@ApplicationScoped
public class PipelineConfigs {
  private final CustomResources<PipelineConfig> objects;
  private final PipelineConfigValidator validator = new PipelineConfigValidator();

  PipelineConfigs(KubernetesClient client) {
    this.objects =
        new CustomResources<>(client, PipelineConfig.class, "PipelineConfig", C8s.API_VERSION);
  }

  public Page<PipelineConfig> list(String namespace, int limit, String continueToken) {
    return objects.list(namespace, limit, continueToken, null);
  }

  public PipelineConfig get(String namespace, String name) {
    return objects.get(namespace, name);
  }

  public Validated<PipelineConfig> create(String namespace, PipelineConfig config) {
    ValidationResult result = check(namespace, null, config);
    return new Validated<>(objects.create(namespace, config), result.warnings());
  }

  public Validated<PipelineConfig> replace(String namespace, String name, PipelineConfig config) {
    ValidationResult result = check(namespace, name, config);
    return new Validated<>(objects.replace(namespace, name, config), result.warnings());
  }

  public void delete(String namespace, String name) {
    objects.delete(namespace, name);
  }

  private ValidationResult check(String namespace, String pathName, PipelineConfig config) {
    var envelope = objects.checkEnvelope(config, namespace, pathName);
    ValidationResult result = validator.validate(config);
    Validated.requireValid(envelope, result, "PipelineConfig");
    return result;
  }
}
