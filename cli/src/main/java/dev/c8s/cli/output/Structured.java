package dev.c8s.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** Output for tools: {@code -o json} (indented) or {@code -o yaml}. */
public enum Structured {
  json(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)),
  yaml(YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build());

  private final ObjectMapper mapper;

  Structured(ObjectMapper mapper) {
    this.mapper =
        mapper
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  }

  /** {@code value} in this format, without a trailing newline. */
  public String write(Object value) {
    try {
      return mapper.writeValueAsString(value).stripTrailing();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + name(), e);
    }
  }
}
