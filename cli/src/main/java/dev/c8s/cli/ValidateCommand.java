package dev.c8s.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.c8s.model.validation.ValidationError;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code c8s validate FILE...}: checks PipelineConfigs, PipelineRuns and RepositoryConnections
 * offline, with the rules the cluster applies, and prints every problem with its field path.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description =
        "Checks c8s manifests (YAML or JSON, several per file) without a cluster and prints every"
            + " error and warning with its field path. Exit code 0: valid; 1: errors; 2: a file"
            + " could not be read.")
final class ValidateCommand implements Callable<Integer> {
  static final int INVALID = 1;
  static final int UNREADABLE = 2;

  @Spec CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "FILE",
      description = "Manifests to check; - reads stdin")
  List<String> files;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "text (default) or json")
  Format output = Format.text;

  enum Format {
    text,
    json
  }

  /** What one file came to: its documents' results, or why it could not be read. */
  record FileResult(String file, List<ManifestCheck.Result> documents, String unreadable) {}

  @Override
  public Integer call() {
    List<FileResult> results = new ArrayList<>();
    for (String file : files) {
      results.add(check(file));
    }
    PrintWriter out = spec.commandLine().getOut();
    if (output == Format.json) {
      out.println(json(results));
    } else {
      results.forEach(r -> printText(r, out, spec.commandLine().getErr()));
    }
    out.flush();
    if (results.stream().anyMatch(r -> r.unreadable() != null)) {
      return UNREADABLE;
    }
    boolean invalid =
        results.stream().flatMap(r -> r.documents().stream()).anyMatch(d -> !d.errors().isEmpty());
    return invalid ? INVALID : 0;
  }

  private FileResult check(String file) {
    try (InputStream in = "-".equals(file) ? System.in : Files.newInputStream(Path.of(file))) {
      List<JsonNode> documents = ManifestDocuments.read(in);
      if (documents.isEmpty()) {
        return new FileResult(file, List.of(), "no YAML or JSON document in it");
      }
      return new FileResult(file, documents.stream().map(ManifestCheck::of).toList(), null);
    } catch (NoSuchFileException e) {
      return new FileResult(file, List.of(), "no such file");
    } catch (JsonProcessingException e) {
      return new FileResult(
          file,
          List.of(),
          "not YAML or JSON: "
              + e.getOriginalMessage()
              + (e.getLocation() == null
                  ? ""
                  : " (line "
                      + e.getLocation().getLineNr()
                      + ", column "
                      + e.getLocation().getColumnNr()
                      + ")"));
    } catch (IOException e) {
      return new FileResult(file, List.of(), "cannot be read: " + e.getMessage());
    }
  }

  /** Prints a file's results as {@code c8s validate} does (also for {@code run-local}). */
  static void printText(FileResult result, PrintWriter out, PrintWriter err) {
    if (result.unreadable() != null) {
      err.println(result.file() + ": " + result.unreadable());
      return;
    }
    for (int i = 0; i < result.documents().size(); i++) {
      ManifestCheck.Result document = result.documents().get(i);
      String where =
          result.file()
              + (result.documents().size() > 1 ? " (document " + (i + 1) + ")" : "")
              + ": "
              + (document.kind() == null ? "a document without kind" : document.kind())
              + (document.name() == null ? "" : " " + document.name());
      if (!document.checked()) {
        err.println(where + ": skipped, not a c8s.dev/v1alpha1 resource");
        continue;
      }
      if (document.errors().isEmpty() && document.warnings().isEmpty()) {
        out.println(where + ": valid");
        continue;
      }
      out.println(
          where
              + ": "
              + count(document.errors().size(), "error")
              + ", "
              + count(document.warnings().size(), "warning"));
      document.errors().forEach(e -> out.println("  error    " + line(e)));
      document.warnings().forEach(w -> out.println("  warning  " + line(w)));
    }
  }

  private static String line(ValidationError problem) {
    return (problem.field() == null || problem.field().isEmpty() ? "" : problem.field() + ": ")
        + problem.message();
  }

  private static String count(int n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }

  private static String json(List<FileResult> results) {
    List<Map<String, Object>> files = new ArrayList<>();
    for (FileResult result : results) {
      Map<String, Object> file = new LinkedHashMap<>();
      file.put("file", result.file());
      if (result.unreadable() != null) {
        file.put("unreadable", result.unreadable());
      }
      List<Map<String, Object>> documents = new ArrayList<>();
      for (ManifestCheck.Result document : result.documents()) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("kind", document.kind());
        entry.put("name", document.name());
        entry.put("checked", document.checked());
        entry.put("errors", document.errors());
        entry.put("warnings", document.warnings());
        documents.add(entry);
      }
      file.put("documents", documents);
      files.add(file);
    }
    try {
      return new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(files);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
