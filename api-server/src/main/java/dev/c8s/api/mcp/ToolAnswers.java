package dev.c8s.api.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

/** Writes a tool's answer as the JSON text an agent reads (nulls left out, as in the REST API). */
@ApplicationScoped
public class ToolAnswers {
  private final ObjectMapper json;

  ToolAnswers(ObjectMapper json) {
    this.json = json;
  }

  String json(Object answer) {
    try {
      return json.writeValueAsString(answer);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the answer as JSON", e);
    }
  }
}
