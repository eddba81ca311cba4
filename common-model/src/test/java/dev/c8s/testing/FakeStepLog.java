package dev.c8s.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The log kwok serves for every container named {@code step}: fixed lines, one of which prints
 * {@link #SECRET}, so tests can check archiving and masking against a real log request.
 */
public final class FakeStepLog {
  /** A value the fake log prints; give it to a step as a Secret to see it masked. */
  public static final String SECRET = "kwok-printed-secret-value";

  /** The lines of the log as a client reads them. */
  public static final List<String> LINES =
      List.of("step started", "logging in with token " + SECRET, "step finished");

  private FakeStepLog() {}

  /** Writes the log (CRI format) and kwok's ClusterLogs config into {@code dir}. */
  static Path write(Path dir) throws IOException {
    Path log = dir.resolve("step.log");
    Files.write(
        log, LINES.stream().map(l -> "2025-10-12T10:30:05.000000000Z stdout F " + l).toList());
    Path config = dir.resolve("kwok-logs.yaml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "apiVersion: kwok.x-k8s.io/v1alpha1",
            "kind: ClusterLogs",
            "metadata:",
            "  name: c8s-step-logs",
            "spec:",
            "  logs:",
            "  - containers: [step]",
            "    logsFile: " + log,
            "    follow: false",
            ""));
    return config;
  }
}
