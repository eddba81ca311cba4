package dev.c8s.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.c8s.model.v1alpha1.C8s;
import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RepositoryConnection;
import dev.c8s.model.validation.PipelineConfigValidator;
import dev.c8s.model.validation.PipelineRunValidator;
import dev.c8s.model.validation.RepositoryConnectionValidator;
import dev.c8s.model.validation.StrictBinding;
import dev.c8s.model.validation.ValidationError;
import dev.c8s.model.validation.ValidationResult;
import java.util.List;
import java.util.function.Function;

/**
 * One manifest document checked offline with the rules the cluster applies at admission: bound
 * strictly (unknown fields and wrong types are errors), then validated by common-model.
 */
final class ManifestCheck {
  private static final StrictBinding BINDING =
      new StrictBinding(
          new ObjectMapper()
              .registerModule(new JavaTimeModule())
              .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS));

  /**
   * What one document came to.
   *
   * @param kind its kind, or null
   * @param name its metadata.name (or generateName), or null
   * @param checked false for a document c8s has no rules for (another kind), which is skipped
   */
  record Result(
      String kind,
      String name,
      boolean checked,
      List<ValidationError> errors,
      List<ValidationError> warnings) {}

  private ManifestCheck() {}

  static Result of(JsonNode document) {
    String kind = document.path("kind").asText(null);
    String name = name(document);
    String apiVersion = document.path("apiVersion").asText(null);
    if (kind == null || !C8s.API_VERSION.equals(apiVersion)) {
      return skipped(kind, name, apiVersion);
    }
    return switch (kind) {
      case "PipelineConfig" ->
          check(document, PipelineConfig.class, c -> new PipelineConfigValidator().validate(c));
      case "PipelineRun" ->
          check(document, PipelineRun.class, r -> new PipelineRunValidator().validate(r));
      case "RepositoryConnection" ->
          check(
              document,
              RepositoryConnection.class,
              c -> new RepositoryConnectionValidator().validate(c));
      default -> skipped(kind, name, apiVersion);
    };
  }

  private static <T> Result check(
      JsonNode document, Class<T> type, Function<T, ValidationResult> validator) {
    String kind = document.path("kind").asText();
    String name = name(document);
    return switch (BINDING.bind(document, type)) {
      case StrictBinding.Bound<T> bound -> {
        ValidationResult result = validator.apply(bound.value());
        yield new Result(kind, name, true, result.errors(), result.warnings());
      }
      case StrictBinding.Invalid<T> invalid ->
          new Result(kind, name, true, List.of(invalid.error()), List.of());
      case StrictBinding.NotAnObject<T> not ->
          new Result(kind, name, true, List.of(ValidationError.of("", not.message())), List.of());
    };
  }

  private static Result skipped(String kind, String name, String apiVersion) {
    return new Result(
        kind == null ? null : kind + (apiVersion == null ? "" : " (" + apiVersion + ")"),
        name,
        false,
        List.of(),
        List.of());
  }

  private static String name(JsonNode document) {
    JsonNode metadata = document.path("metadata");
    String name = metadata.path("name").asText(null);
    return name != null ? name : metadata.path("generateName").asText(null);
  }
}
