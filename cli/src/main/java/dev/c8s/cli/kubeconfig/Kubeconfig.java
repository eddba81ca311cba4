package dev.c8s.cli.kubeconfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.c8s.cli.CliException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A kubeconfig file read as kubectl reads it, as far as c8s needs: contexts, their users and
 * namespaces. Parsed as a plain tree so the CLI needs no Kubernetes client library.
 */
public final class Kubeconfig {
  private static final YAMLMapper YAML = new YAMLMapper();

  private final Path file;
  private final JsonNode root;

  private Kubeconfig(Path file, JsonNode root) {
    this.file = file;
    this.root = root;
  }

  /**
   * Reads {@code file}.
   *
   * @throws CliException (unusable) when it is missing or not a kubeconfig
   */
  public static Kubeconfig read(Path file) {
    try {
      JsonNode root = YAML.readTree(Files.readString(file));
      if (root == null || !root.isObject()) {
        throw CliException.unusable("kubeconfig " + file + " is empty or not a YAML mapping");
      }
      return new Kubeconfig(file, root);
    } catch (NoSuchFileException e) {
      throw CliException.unusable("kubeconfig " + file + " does not exist");
    } catch (JsonProcessingException e) {
      throw CliException.unusable(
          "kubeconfig "
              + file
              + " is not valid YAML: "
              + e.getOriginalMessage()
              + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
    } catch (IOException e) {
      throw CliException.unusable("kubeconfig " + file + " cannot be read: " + e.getMessage());
    }
  }

  /** The file this was read from. */
  public Path file() {
    return file;
  }

  /**
   * The context named {@code name}, or the current context when {@code name} is null.
   *
   * @throws CliException (unusable) when there is no such context or it names no user
   */
  public KubeContext context(String name) {
    String wanted = name != null ? name : text(root, "current-context");
    if (wanted == null) {
      throw CliException.unusable(
          "kubeconfig " + file + " has no current-context; choose one with --context");
    }
    JsonNode context =
        named(root.path("contexts"), wanted)
            .map(c -> c.path("context"))
            .orElseThrow(
                () ->
                    CliException.unusable(
                        "kubeconfig " + file + " has no context " + quote(wanted)));
    String userName = text(context, "user");
    JsonNode user =
        userName == null
            ? null
            : named(root.path("users"), userName).map(u -> u.path("user")).orElse(null);
    if (user == null) {
      throw CliException.unusable(
          "context "
              + quote(wanted)
              + " of kubeconfig "
              + file
              + " names no user entry"
              + (userName == null ? "" : " (no user " + quote(userName) + ")"));
    }
    return new KubeContext(
        wanted, userName, user, text(context, "namespace"), file.toAbsolutePath().getParent());
  }

  private static Optional<JsonNode> named(JsonNode list, String name) {
    if (!list.isArray()) {
      return Optional.empty();
    }
    for (JsonNode entry : list) {
      if (name.equals(text(entry, "name"))) {
        return Optional.of(entry);
      }
    }
    return Optional.empty();
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
  }

  static String quote(String text) {
    return "\"" + text + "\"";
  }
}
