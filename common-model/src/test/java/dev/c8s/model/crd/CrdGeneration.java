package dev.c8s.model.crd;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RepositoryConnection;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.CustomResource;
import java.io.File;
import java.lang.reflect.ParameterizedType;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Generates the c8s CRDs from the model classes at build time (Maven {@code process-test-classes}).
 *
 * <p>fabric8's generator sorts printer columns by name and cannot describe the root {@code spec}
 * and {@code status}; this post-processing restores the declared column order and takes those two
 * descriptions from {@link JsonClassDescription} on the spec and status classes.
 */
public final class CrdGeneration {

  /** The custom resources c8s defines. */
  public static final List<Class<? extends CustomResource<?, ?>>> RESOURCES =
      List.of(PipelineConfig.class, PipelineRun.class, RepositoryConnection.class);

  private CrdGeneration() {}

  /**
   * Writes {@code <plural>.<group>-v1.yml} for every resource into the directory {@code args[0]}.
   */
  public static void main(String[] args) {
    File out = new File(args[0]);
    if (!out.isDirectory() && !out.mkdirs()) {
      throw new IllegalStateException("cannot create " + out);
    }
    int written =
        new CRDGenerator()
            .inOutputDir(out)
            .forCRDVersions("v1")
            .withPostProcessor(new SeedConventions())
            .customResourceClasses(List.copyOf(RESOURCES))
            .generate();
    if (written != RESOURCES.size()) {
      throw new IllegalStateException("expected " + RESOURCES.size() + " CRDs, wrote " + written);
    }
  }

  private static final class SeedConventions implements CRDPostProcessor {
    @Override
    public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
      CustomResourceDefinition definition = (CustomResourceDefinition) crd;
      Class<?> resource = resourceFor(definition.getSpec().getNames().getKind());
      for (CustomResourceDefinitionVersion version : definition.getSpec().getVersions()) {
        orderColumnsAsDeclared(resource, version);
        describeSpecAndStatus(resource, version.getSchema().getOpenAPIV3Schema());
      }
      return crd;
    }

    private static Class<?> resourceFor(String kind) {
      return RESOURCES.stream()
          .filter(c -> c.getSimpleName().equals(kind))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("unknown kind " + kind));
    }

    private static void orderColumnsAsDeclared(
        Class<?> resource, CustomResourceDefinitionVersion version) {
      List<String> declared =
          Arrays.stream(resource.getAnnotationsByType(AdditionalPrinterColumn.class))
              .map(AdditionalPrinterColumn::name)
              .toList();
      List<CustomResourceColumnDefinition> columns = version.getAdditionalPrinterColumns();
      if (columns != null) {
        columns.sort(Comparator.comparingInt(c -> declared.indexOf(c.getName())));
      }
    }

    private static void describeSpecAndStatus(Class<?> resource, JSONSchemaProps root) {
      var types = ((ParameterizedType) resource.getGenericSuperclass()).getActualTypeArguments();
      Map<String, JSONSchemaProps> properties = root.getProperties();
      describe(properties.get("spec"), (Class<?>) types[0]);
      describe(properties.get("status"), (Class<?>) types[1]);
    }

    private static void describe(JSONSchemaProps schema, Class<?> type) {
      JsonClassDescription description = type.getAnnotation(JsonClassDescription.class);
      if (schema != null && description != null) {
        schema.setDescription(description.value());
      }
    }
  }
}
