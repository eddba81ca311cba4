package dev.c8s.model.validation;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads the seed 001 examples afresh for every test, so a test may change what it gets. */
final class Seeds {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private Seeds() {}

  static <T> T read(String name, Class<T> type) {
    try (InputStream in = Seeds.class.getResourceAsStream("/seed-001/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource /seed-001/" + name);
      }
      return SERIALIZATION.unmarshal(in, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static <T> T yaml(String text, Class<T> type) {
    return SERIALIZATION.unmarshal(text, type);
  }
}
