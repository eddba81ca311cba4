package dev.c8s.controller.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.CustomResource;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;
import org.jboss.jandex.IndexReader;
import org.junit.jupiter.api.Test;

/**
 * The model's Jandex index, which the kubernetes-client extension scans for {@code CustomResource}
 * subclasses to register them for reflection in a native image; {@code NativeReflectionIT} checks
 * the registration itself.
 */
class ModelJandexIndexTest {

  @Test
  void commonModelShipsAJandexIndexListingTheCustomResources() throws IOException {
    assertThat(customResources())
        .extracting(Class::getName)
        .containsExactlyInAnyOrder(
            "dev.c8s.model.v1alpha1.PipelineConfig",
            "dev.c8s.model.v1alpha1.PipelineRun",
            "dev.c8s.model.v1alpha1.RepositoryConnection");
  }

  /** The CustomResource subclasses in the Jandex index of the common-model the services use. */
  private static List<Class<?>> customResources() throws IOException {
    DotName customResource = DotName.createSimple(CustomResource.class.getName());
    for (URL url :
        Collections.list(
            ModelJandexIndexTest.class.getClassLoader().getResources("META-INF/jandex.idx"))) {
      Index index;
      try (InputStream in = url.openStream()) {
        index = new IndexReader(in).read();
      }
      if (index.getClassByName(DotName.createSimple("dev.c8s.model.v1alpha1.PipelineRun"))
          != null) {
        List<Class<?>> classes = new ArrayList<>();
        for (ClassInfo info : index.getAllKnownSubclasses(customResource)) {
          try {
            classes.add(Class.forName(info.name().toString()));
          } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
          }
        }
        return classes;
      }
    }
    throw new AssertionError("no META-INF/jandex.idx on the classpath indexes common-model");
  }
}
