package dev.c8s.model.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.c8s.model.v1alpha1.PipelineConfig;
import org.junit.jupiter.api.Test;

/** Strict binding: a typo or a wrong JSON type is an error at its field path, never dropped. */
class StrictBindingTest {
  private final ObjectMapper json = new ObjectMapper();
  private final StrictBinding binding = new StrictBinding(json);

  private StrictBinding.Outcome<PipelineConfig> bind(String spec) throws Exception {
    JsonNode tree =
        json.readTree(
            "{\"apiVersion\":\"c8s.dev/v1alpha1\",\"kind\":\"PipelineConfig\","
                + "\"metadata\":{\"name\":\"app\"},\"spec\":"
                + spec
                + "}");
    return binding.bind(tree, PipelineConfig.class);
  }

  @Test
  void aMisspelledFieldIsReportedAtItsPath() throws Exception {
    assertThat(bind("{\"steps\":[{\"name\":\"a\",\"dependOn\":[]}]}"))
        .isEqualTo(
            new StrictBinding.Invalid<PipelineConfig>(
                ValidationError.of(
                    "spec.steps[0].dependOn", "unknown field \"dependOn\"; check its spelling")));
  }

  @Test
  void aValueOfAnotherJsonTypeIsNotConverted() throws Exception {
    assertThat(bind("{\"repository\":false}"))
        .isInstanceOfSatisfying(
            StrictBinding.Invalid.class,
            invalid -> {
              assertThat(invalid.error().field()).isEqualTo("spec.repository");
              assertThat(invalid.error().expectedType()).isEqualTo("string");
            });
  }

  @Test
  void anUnknownEnumValueNamesTheValuesAllowed() throws Exception {
    assertThat(bind("{\"concurrency\":{\"policy\":\"Cancel\"}}"))
        .isInstanceOfSatisfying(
            StrictBinding.Invalid.class,
            invalid -> {
              assertThat(invalid.error().field()).isEqualTo("spec.concurrency.policy");
              assertThat(invalid.error().expectedType())
                  .isEqualTo("one of Queue, CancelInProgress");
              assertThat(invalid.error().actualValue()).isEqualTo("Cancel");
            });
  }

  @Test
  void aDocumentThatIsNotAnObjectIsSaidToBeSo() {
    assertThat(binding.bind(json.getNodeFactory().arrayNode(), PipelineConfig.class))
        .isInstanceOf(StrictBinding.NotAnObject.class);
  }
}
