package dev.c8s.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;

/** The spec and status schemas of the c8s CRDs, as the API server enforces them. */
final class CrdSchemas {
  // Read from the CRD files the build copies from charts/c8s/crds, so the document cannot drift.

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private CrdSchemas() {}

  /** The openAPIV3Schema of {@code plural}.c8s.dev, version v1alpha1. */
  static JsonNode openApiV3Schema(String plural) {
    String resource = "c8s-crds/" + plural + ".c8s.dev-v1.yml";
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("CRD file " + resource + " is not on the classpath");
      }
      JsonNode versions = YAML.readTree(in).path("spec").path("versions");
      for (JsonNode version : versions) {
        if ("v1alpha1".equals(version.path("name").asText())) {
          return version.path("schema").path("openAPIV3Schema");
        }
      }
      throw new IllegalStateException(resource + " has no version v1alpha1");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The model of a JSON schema node. Objects with properties refuse other properties, as the API
   * reads bodies strictly.
   */
  static Schema toSchema(JsonNode node) {
    Schema schema = OASFactory.createSchema();
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      JsonNode value = field.getValue();
      switch (field.getKey()) {
        case "type" -> schema.setType(List.of(SchemaType.valueOf(value.asText().toUpperCase())));
        case "description" -> schema.setDescription(value.asText());
        case "pattern" -> schema.setPattern(value.asText());
        case "format" -> schema.setFormat(value.asText());
        case "minItems" -> schema.setMinItems(value.asInt());
        case "maxItems" -> schema.setMaxItems(value.asInt());
        case "minLength" -> schema.setMinLength(value.asInt());
        case "maxLength" -> schema.setMaxLength(value.asInt());
        case "items" -> schema.setItems(toSchema(value));
        case "default" -> schema.setDefaultValue(plain(value));
        case "enum" -> {
          List<Object> values = new ArrayList<>();
          value.forEach(v -> values.add(plain(v)));
          schema.setEnumeration(values);
        }
        case "required" -> {
          List<String> names = new ArrayList<>();
          value.forEach(v -> names.add(v.asText()));
          schema.setRequired(names);
        }
        case "properties" ->
            value.properties().forEach(p -> schema.addProperty(p.getKey(), toSchema(p.getValue())));
        case "additionalProperties" -> {
          if (value.isBoolean()) {
            schema.setAdditionalPropertiesBoolean(value.asBoolean());
          } else {
            schema.setAdditionalPropertiesSchema(toSchema(value));
          }
        }
        default -> {
          // x-kubernetes-* and other Kubernetes-only keywords mean nothing to API clients
        }
      }
    }
    if (node.has("properties") && !node.has("additionalProperties")) {
      schema.setAdditionalPropertiesBoolean(false);
    }
    return schema;
  }

  private static Object plain(JsonNode value) {
    return YAML.convertValue(value, Object.class);
  }
}
