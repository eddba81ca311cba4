package dev.c8s.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.c8s.cli.api.ApiClient;
import dev.c8s.model.v1alpha1.PipelineConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The PipelineConfig {@code c8s run-local} runs: read from a manifest file and checked exactly as
 * {@code c8s validate} checks it, so an invalid pipeline is refused with the same messages.
 */
final class LocalPipelineFile {
  private LocalPipelineFile() {}

  /**
   * The PipelineConfig of {@code file} ({@code name} picks one when the file holds several).
   *
   * @throws CliException unusable (2) when unreadable or without that pipeline; failed (1), after
   *     printing every problem, when it is invalid
   */
  static PipelineConfig read(String file, String name, PrintWriter out, PrintWriter err) {
    List<JsonNode> documents = documents(file);
    List<JsonNode> configs = new ArrayList<>();
    for (JsonNode document : documents) {
      if ("PipelineConfig".equals(document.path("kind").asText())
          && (name == null || name.equals(document.path("metadata").path("name").asText()))) {
        configs.add(document);
      }
    }
    if (configs.isEmpty()) {
      throw CliException.unusable(
          file
              + " holds no PipelineConfig"
              + (name == null ? "" : " named " + name)
              + " (kind: PipelineConfig, apiVersion: c8s.dev/v1alpha1)");
    }
    if (configs.size() > 1) {
      throw CliException.unusable(
          file
              + " holds "
              + configs.size()
              + " PipelineConfigs ("
              + String.join(
                  ", ",
                  configs.stream().map(c -> c.path("metadata").path("name").asText()).toList())
              + "): choose one with --pipeline NAME");
    }
    JsonNode config = configs.get(0);
    ManifestCheck.Result check = ManifestCheck.of(config);
    if (!check.errors().isEmpty()) {
      ValidateCommand.printText(
          new ValidateCommand.FileResult(file, List.of(check), null), out, err);
      out.flush();
      throw CliException.failed(
          file + " is invalid: fix the errors above (c8s validate " + file + ")");
    }
    check
        .warnings()
        .forEach(
            w ->
                err.println(
                    "warning: " + (w.field() == null ? "" : w.field() + ": ") + w.message()));
    err.flush();
    return ApiClient.JSON.convertValue(config, PipelineConfig.class);
  }

  private static List<JsonNode> documents(String file) {
    try (InputStream in = "-".equals(file) ? System.in : Files.newInputStream(Path.of(file))) {
      return ManifestDocuments.read(in);
    } catch (NoSuchFileException e) {
      throw CliException.unusable(file + ": no such file");
    } catch (JsonProcessingException e) {
      throw CliException.unusable(file + ": not YAML or JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw CliException.unusable(file + ": cannot be read: " + e.getMessage());
    }
  }
}
