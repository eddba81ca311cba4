package dev.c8s.controller.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.c8s.controller.config.BoundedFieldNames;
import dev.c8s.controller.config.ClientSerialization;
import dev.c8s.controller.config.ManagedFieldsUnread;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * CPU to read a step pod's and a step Job's watch event and to write the object, three ways: the
 * client's mapper with fabric8's serialization (reflection, a tree first), with {@code
 * ClientSerialization}'s generated accessors (decision 0083), and with its one-pass watch events
 * too (decision 0084). Each way runs in a JVM of its own, three times in turn: in one JVM the first
 * way's profiles of Jackson's shared code would be the second's.
 *
 * <p>Run: {@code ./mvnw -B verify -pl common-model,controller -Pbenchmark -DskipTests
 * -Dc8s.bench.main=dev.c8s.controller.bench.SerializationBenchmark}
 */
public final class SerializationBenchmark {
  private static final String[] WAYS = {"reflection", "generated", "one-pass"};
  private static final int REPEATS = 3;
  private static final int ROUNDS = 8;
  private static final int CALLS = 10_000;

  private SerializationBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 1) {
      System.out.println(measure(args[0]));
      return;
    }
    List<List<double[]>> results = new ArrayList<>();
    for (int i = 0; i < WAYS.length; i++) {
      results.add(new ArrayList<>());
    }
    for (int repeat = 0; repeat < REPEATS; repeat++) {
      for (int i = 0; i < WAYS.length; i++) {
        results.get(i).add(forked(WAYS[i]));
      }
    }
    System.out.printf(
        "| way (median of %d JVMs) | pod event read µs | pod written µs | Job event read µs | Job"
            + " written µs |%n|---|---|---|---|---|%n",
        REPEATS);
    for (int i = 0; i < WAYS.length; i++) {
      List<double[]> runs = results.get(i);
      System.out.printf(
          "| %s | %.1f | %.1f | %.1f | %.1f |%n",
          WAYS[i], median(runs, 0), median(runs, 1), median(runs, 2), median(runs, 3));
    }
  }

  private static double[] forked(String way) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-XX:ActiveProcessorCount=1",
                "-cp",
                System.getProperty("java.class.path"),
                SerializationBenchmark.class.getName(),
                way)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException(way + " failed: " + out);
    }
    String[] figures = out.trim().split(" ");
    double[] parsed = new double[figures.length];
    for (int i = 0; i < figures.length; i++) {
      parsed[i] = Double.parseDouble(figures[i]);
    }
    return parsed;
  }

  private static double median(List<double[]> runs, int column) {
    return runs.stream().mapToDouble(run -> run[column]).sorted().toArray()[runs.size() / 2];
  }

  /** Microseconds: pod event read, pod written, Job event read, Job written. */
  private static String measure(String way) throws IOException {
    ObjectMapper mapper = new ObjectMapper(new BoundedFieldNames());
    new ManagedFieldsUnread().customize(mapper);
    KubernetesSerialization json =
        way.equals("reflection")
            ? new KubernetesSerialization(mapper, false)
            : new ClientSerialization(mapper);
    json.registerKubernetesResource(Pod.class);
    json.registerKubernetesResource(Job.class);
    StringBuilder figures = new StringBuilder();
    for (String name : new String[] {"step-pod.json", "step-job.json"}) {
      String object = resource(name);
      String event = "{\"type\":\"MODIFIED\",\"object\":" + object + "}";
      byte[] bytes = event.getBytes(StandardCharsets.UTF_8);
      // The String overload is the one watches use; the stream overload is fabric8's own.
      Supplier<Integer> read =
          way.equals("one-pass")
              ? () -> json.<WatchEvent>unmarshal(event, WatchEvent.class).getType().length()
              : () ->
                  json.<WatchEvent>unmarshal(new ByteArrayInputStream(bytes), WatchEvent.class)
                      .getType()
                      .length();
      HasMetadata decoded =
          name.contains("pod")
              ? json.unmarshal(object, Pod.class)
              : json.unmarshal(object, Job.class);
      figures.append(best(read)).append(' ').append(best(() -> json.asJson(decoded).length()));
      figures.append(' ');
    }
    return figures.toString().trim();
  }

  /** The best round's microseconds per call, after as many warm-up rounds. */
  private static double best(Supplier<Integer> call) {
    double best = Double.MAX_VALUE;
    for (int round = 0; round < 2 * ROUNDS; round++) {
      long start = System.nanoTime();
      int sum = 0;
      for (int i = 0; i < CALLS; i++) {
        sum += call.get();
      }
      double each = (System.nanoTime() - start) / 1000.0 / CALLS;
      if (round >= ROUNDS && sum > 0) {
        best = Math.min(best, each);
      }
    }
    return best;
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = SerializationBenchmark.class.getResourceAsStream("/bench/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
