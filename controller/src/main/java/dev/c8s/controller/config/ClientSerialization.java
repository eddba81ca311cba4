package dev.c8s.controller.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;

/**
 * The controller's Kubernetes serialization: fabric8's, with model properties set and read through
 * generated accessors (Jackson's Blackbird module) instead of reflection, on the JVM (decision
 * 0083), and watch events read in one pass ({@link WatchEventReader}, decision 0084).
 *
 * <p>Every watch event and answer sets a few hundred properties, and every request reads as many;
 * through {@code Method.invoke} each is a method-handle call the JIT cannot inline from Jackson's
 * one call site. Blackbird is registered after fabric8's modules on purpose: Jackson runs the last
 * registered property modifier first, so Blackbird replaces the reflective properties before
 * fabric8 wraps them for its unmatched-field handling, which keeps working around them. A native
 * image cannot define classes at run time, so there the mapper keeps reflection, compiled ahead of
 * time.
 */
public class ClientSerialization extends KubernetesSerialization {

  private final WatchEventReader watchEvents;

  public ClientSerialization(ObjectMapper mapper) {
    super(mapper, false);
    this.watchEvents = new WatchEventReader(mapper, this::getRegisteredKubernetesResource);
  }

  /** One on a mapper of its own: for copies and comparisons of model objects outside the client. */
  public static KubernetesSerialization standalone() {
    return new ClientSerialization(new ObjectMapper());
  }

  /** Watch events in one pass where they have the API server's shape ({@link WatchEventReader}). */
  @Override
  public <T> T unmarshal(String text, Class<T> type) {
    if (type == WatchEvent.class) {
      try {
        WatchEvent event = watchEvents.read(text);
        if (event != null) {
          return type.cast(event);
        }
      } catch (IOException | RuntimeException unusual) {
        // Read again fabric8's way below, which reports what is wrong with the text.
      }
    }
    return super.unmarshal(text, type);
  }

  @Override
  protected void configureMapper(ObjectMapper mapper) {
    super.configureMapper(mapper);
    if (System.getProperty("org.graalvm.nativeimage.imagecode") == null) {
      mapper.registerModule(new BlackbirdModule());
    }
  }
}
