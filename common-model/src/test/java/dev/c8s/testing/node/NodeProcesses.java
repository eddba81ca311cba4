package dev.c8s.testing.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The node's long-running processes, each logging to its own file. */
final class NodeProcesses {
  /** kubelet, containerd and its shims look up mount, iptables, runc on the PATH. */
  private static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private final NodeLayout layout;
  private final Map<String, Process> running = new LinkedHashMap<>();

  NodeProcesses(NodeLayout layout) {
    this.layout = layout;
  }

  /** Starts {@code binary} as the component {@code name}. */
  synchronized void launch(String name, Path binary, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(args);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(layout.log(name).toFile());
    builder.environment().put("PATH", PATH);
    try {
      running.put(name, builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + binary, e);
    }
  }

  /** Whether a component was started and has not exited. */
  synchronized boolean running(String name) {
    Process process = running.get(name);
    return process != null && process.isAlive();
  }

  /** Fails with the end of its log when a component has exited. */
  synchronized void checkAlive() {
    running.forEach(
        (name, process) -> {
          if (!process.isAlive()) {
            throw new IllegalStateException(
                name + " exited with " + process.exitValue() + "; end of its log:\n" + tail(name));
          }
        });
  }

  /** The last lines of a component's log, for failure messages. */
  String tail(String name) {
    try {
      List<String> lines = Files.readAllLines(layout.log(name));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** SIGTERM, then SIGKILL after {@code graceSeconds}. */
  synchronized void stop(String name, int graceSeconds) {
    Process process = running.remove(name);
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /** Stops everything still running, last started first. */
  synchronized void stopAll() {
    for (String name : new ArrayList<>(running.keySet()).reversed()) {
      stop(name, 10);
    }
  }
}
