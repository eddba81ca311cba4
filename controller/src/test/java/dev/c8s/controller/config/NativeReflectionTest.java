package dev.c8s.controller.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.CustomResource;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;
import org.jboss.jandex.IndexReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a native build needs registered for reflection, checked against the model classes. */
class NativeReflectionTest {
  /** The repository root: the module's parent. */
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  @Test
  void commonModelShipsAJandexIndexListingTheCustomResources() throws IOException {
    assertThat(customResources())
        .extracting(Class::getName)
        .containsExactlyInAnyOrder(
            "dev.c8s.model.v1alpha1.PipelineConfig",
            "dev.c8s.model.v1alpha1.PipelineRun",
            "dev.c8s.model.v1alpha1.RepositoryConnection");
  }

  @Test
  void controllerRegistersEveryCustomResourceWithItsSpecAndStatusForReflection() throws Exception {
    RegisterForReflection registration =
        Class.forName("dev.c8s.controller.config.ModelReflection")
            .getAnnotation(RegisterForReflection.class);

    assertThat(registration).isNotNull();
    assertThat(registration.registerFullHierarchy()).isTrue();
    assertThat(Arrays.asList(registration.targets()))
        .containsAll(customResourcesWithSpecAndStatus());
  }

  @ParameterizedTest
  @ValueSource(strings = {"api-server:dev/c8s/api", "webhook:dev/c8s/webhook"})
  void apiServerAndWebhookRegisterTheSameModelClasses(String moduleAndPackage) throws Exception {
    String[] parts = moduleAndPackage.split(":");
    String source =
        Files.readString(
            ROOT.resolve(parts[0])
                .resolve("src/main/java")
                .resolve(parts[1])
                .resolve("ModelReflection.java"));
    Set<String> targets = new TreeSet<>();
    Matcher m = Pattern.compile("(\\w+)\\.class").matcher(source);
    while (m.find()) {
      targets.add(m.group(1));
    }

    assertThat(source).contains("registerFullHierarchy = true");
    assertThat(targets)
        .containsAll(
            customResourcesWithSpecAndStatus().stream().map(Class::getSimpleName).toList());
    if (parts[0].equals("api-server")) {
      // problem+json bodies carry validation errors inside Response entities
      assertThat(targets).contains("ValidationError");
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The CustomResource subclasses in the Jandex index of the common-model the services use. */
  private static List<Class<?>> customResources() throws IOException {
    DotName customResource = DotName.createSimple(CustomResource.class.getName());
    for (URL url :
        Collections.list(
            NativeReflectionTest.class.getClassLoader().getResources("META-INF/jandex.idx"))) {
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

  /** Each custom resource with the spec and status classes of its CustomResource<S, T>. */
  private static List<Class<?>> customResourcesWithSpecAndStatus() throws IOException {
    List<Class<?>> classes = new ArrayList<>();
    for (Class<?> resource : customResources()) {
      classes.add(resource);
      Type parent = resource.getGenericSuperclass();
      assertThat(parent).isInstanceOf(ParameterizedType.class);
      for (Type argument : ((ParameterizedType) parent).getActualTypeArguments()) {
        classes.add((Class<?>) argument);
      }
    }
    return classes;
  }
}
