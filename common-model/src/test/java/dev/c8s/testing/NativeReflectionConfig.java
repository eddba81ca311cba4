package dev.c8s.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * The reflection configuration a native image of this module would be built with, read from the
 * sources Quarkus writes to {@code target/native-sources} (the {@code native-sources} execution of
 * quarkus-maven-plugin, in {@code pre-integration-test}; no GraalVM needed). It is what every
 * extension, every {@code @RegisterForReflection} and Quarkus REST's return-type scan registered,
 * merged: the only place that says what a native image will be able to (de)serialise.
 */
public final class NativeReflectionConfig {
  private static final Path NATIVE_SOURCES = Path.of("target", "native-sources");
  private static final List<String> CONFIG_ENTRIES =
      List.of(
          "META-INF/native-image/reflect-config.json",
          // GraalVM's newer single file, should a later Quarkus write that instead
          "META-INF/native-image/reachability-metadata.json");

  private final JsonNode types;

  private NativeReflectionConfig(JsonNode types) {
    this.types = types;
  }

  /** The configuration in this module's {@code target/native-sources/*-runner.jar}. */
  public static NativeReflectionConfig ofThisModule() {
    Path runner = runnerJar();
    try (JarFile jar = new JarFile(runner.toFile())) {
      for (String name : CONFIG_ENTRIES) {
        ZipEntry entry = jar.getEntry(name);
        if (entry != null) {
          try (InputStream in = jar.getInputStream(entry)) {
            JsonNode root = new ObjectMapper().readTree(in);
            return new NativeReflectionConfig(root.isArray() ? root : root.path("reflection"));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new AssertionError("no reflection configuration in " + runner + ": " + CONFIG_ENTRIES);
  }

  /**
   * The classes registered with all their constructors, methods and fields: what Jackson needs to
   * create an object and read and write its properties in a native image.
   */
  public Set<String> fullyReflectiveClasses() {
    Set<String> names = new TreeSet<>();
    for (JsonNode type : types) {
      if (type.path("allDeclaredConstructors").asBoolean()
          && type.path("allDeclaredMethods").asBoolean()
          && type.path("allDeclaredFields").asBoolean()) {
        names.add(type.path("name").asText(type.path("type").asText()));
      }
    }
    return names;
  }

  private static Path runnerJar() {
    if (!Files.isDirectory(NATIVE_SOURCES)) {
      throw new AssertionError(
          NATIVE_SOURCES.toAbsolutePath()
              + " is missing: run the ITs through Maven (`./mvnw verify`), whose native-sources"
              + " execution of quarkus-maven-plugin writes it before them");
    }
    List<Path> jars = new ArrayList<>();
    try (DirectoryStream<Path> found = Files.newDirectoryStream(NATIVE_SOURCES, "*-runner.jar")) {
      found.forEach(jars::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (jars.size() != 1) {
      throw new AssertionError(
          "expected one *-runner.jar in " + NATIVE_SOURCES + ", found " + jars);
    }
    return jars.get(0);
  }
}
