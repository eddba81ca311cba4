package dev.c8s.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** One key of a Kubernetes Secret exposed to a step as an environment variable. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StepSecret {

  /** Name of a Secret in the pipeline's namespace. */
  @Required
  @JsonPropertyDescription("Kubernetes Secret name")
  private String secretRef;

  /** Key within that Secret. */
  @Required
  @JsonPropertyDescription("Key within Secret")
  private String key;

  /** Environment variable name; defaults to the key, which must then be a valid name. */
  @JsonPropertyDescription("Environment variable name (defaults to key)")
  private String envVar;

  public StepSecret() {}

  public StepSecret(String secretRef, String key, String envVar) {
    this.secretRef = secretRef;
    this.key = key;
    this.envVar = envVar;
  }

  public String getSecretRef() {
    return secretRef;
  }

  public void setSecretRef(String secretRef) {
    this.secretRef = secretRef;
  }

  public String getKey() {
    return key;
  }

  public void setKey(String key) {
    this.key = key;
  }

  public String getEnvVar() {
    return envVar;
  }

  public void setEnvVar(String envVar) {
    this.envVar = envVar;
  }
}
