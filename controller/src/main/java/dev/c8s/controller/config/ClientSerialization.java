package dev.c8s.controller.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The controller's Kubernetes serialization: fabric8's, with model properties set and read through
 * generated accessors (Jackson's Blackbird module) instead of reflection, on the JVM (decision
 * 0083).
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

  public ClientSerialization(ObjectMapper mapper) {
    super(mapper, false);
  }

  /** One on a mapper of its own: for copies and comparisons of model objects outside the client. */
  public static KubernetesSerialization standalone() {
    return new ClientSerialization(new ObjectMapper());
  }

  @Override
  protected void configureMapper(ObjectMapper mapper) {
    super.configureMapper(mapper);
    if (System.getProperty("org.graalvm.nativeimage.imagecode") == null) {
      mapper.registerModule(new BlackbirdModule());
    }
  }
}
