package dev.c8s.testing;

import dev.c8s.model.v1alpha1.PipelineRun;
import io.fabric8.kubernetes.client.CustomResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The model's custom resource classes, found in common-model itself (its jar or classes folder),
 * for tests that check what each service registers for a native image.
 */
public final class ModelTypes {
  private static final String PACKAGE = PipelineRun.class.getPackageName();

  private ModelTypes() {}

  /** Each {@code CustomResource} subclass of the model with its spec and status classes. */
  public static List<Class<?>> customResourcesWithSpecAndStatus() {
    List<Class<?>> classes = new ArrayList<>();
    for (Class<?> type : modelClasses()) {
      if (CustomResource.class.isAssignableFrom(type) && type != CustomResource.class) {
        classes.add(type);
        Type parent = type.getGenericSuperclass();
        for (Type argument : ((ParameterizedType) parent).getActualTypeArguments()) {
          classes.add((Class<?>) argument);
        }
      }
    }
    if (classes.isEmpty()) {
      // An empty list would make every "registers them all" check pass.
      throw new IllegalStateException("no custom resource classes found in " + PACKAGE);
    }
    return classes;
  }

  /**
   * The custom resources with their spec and status classes and every c8s class their fields reach,
   * through {@code List}, {@code Map} and array types too: what Jackson instantiates, reads and
   * writes when it (de)serialises a custom resource.
   */
  public static Set<Class<?>> reachableFromCustomResources() {
    Set<Class<?>> reached = new LinkedHashSet<>();
    Deque<Class<?>> toVisit = new ArrayDeque<>(customResourcesWithSpecAndStatus());
    while (!toVisit.isEmpty()) {
      Class<?> type = toVisit.pop();
      if (!reached.add(type)) {
        continue;
      }
      for (Class<?> owner = type; isC8s(owner); owner = owner.getSuperclass()) {
        for (Field field : owner.getDeclaredFields()) {
          if (!Modifier.isStatic(field.getModifiers())) {
            collectC8sClasses(field.getGenericType(), toVisit);
          }
        }
      }
    }
    return reached;
  }

  private static void collectC8sClasses(Type type, Deque<Class<?>> into) {
    switch (type) {
      case Class<?> c when c.isArray() -> collectC8sClasses(c.getComponentType(), into);
      case Class<?> c -> {
        if (isC8s(c)) {
          into.add(c);
        }
      }
      case ParameterizedType p -> {
        collectC8sClasses(p.getRawType(), into);
        for (Type argument : p.getActualTypeArguments()) {
          collectC8sClasses(argument, into);
        }
      }
      case GenericArrayType a -> collectC8sClasses(a.getGenericComponentType(), into);
      case WildcardType w -> {
        for (Type bound : w.getUpperBounds()) {
          collectC8sClasses(bound, into);
        }
      }
      default -> {
        // type variables: bound by the custom resource's own type arguments, already visited
      }
    }
  }

  private static boolean isC8s(Class<?> type) {
    return type != null && type.getName().startsWith("dev.c8s.");
  }

  private static List<Class<?>> modelClasses() {
    try {
      Path location =
          Path.of(PipelineRun.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isDirectory(location)) {
        return classesIn(location.resolve(PACKAGE.replace('.', '/')));
      }
      try (FileSystem jar = FileSystems.newFileSystem(location, Map.of())) {
        return classesIn(jar.getPath(PACKAGE.replace('.', '/')));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Class<?>> classesIn(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      List<Class<?>> classes = new ArrayList<>();
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith(".class") && !name.contains("$")) {
          classes.add(load(PACKAGE + "." + name.substring(0, name.length() - ".class".length())));
        }
      }
      return classes;
    }
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
