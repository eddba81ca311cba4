package dev.c8s.controller.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.c8s.controller.config.ManagedFieldsUnread;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * CPU to decode one step pod and one step Job as the controller's watches receive them (captured
 * from the controller benchmark, managedFields included), with the client's default mapper and with
 * {@link ManagedFieldsUnread}: the per-event saving, which a whole-machine run cannot resolve.
 *
 * <p>Run: {@code ./mvnw -B verify -pl controller -Pbenchmark -DskipTests
 * -Dc8s.bench.main=dev.c8s.controller.bench.DecodingBenchmark}
 */
public final class DecodingBenchmark {
  private static final int ROUNDS = 5;
  private static final int DECODES = 20_000;

  private DecodingBenchmark() {}

  public static void main(String[] args) throws IOException {
    String pod = resource("step-pod.json");
    String job = resource("step-job.json");
    KubernetesSerialization plain = new KubernetesSerialization();
    ObjectMapper mapper = new ObjectMapper();
    new ManagedFieldsUnread().customize(mapper);
    KubernetesSerialization unread = new KubernetesSerialization(mapper, true);
    System.out.printf(
        "| object (bytes) | default mapper µs | managedFields unread µs |%n|---|---|---|%n");
    System.out.printf(
        "| step pod (%d) | %.1f | %.1f |%n",
        pod.length(), micros(plain, pod, Pod.class), micros(unread, pod, Pod.class));
    System.out.printf(
        "| step Job (%d) | %.1f | %.1f |%n",
        job.length(), micros(plain, job, Job.class), micros(unread, job, Job.class));
  }

  /** The best of several rounds of decoding, after the same number of warm-up rounds. */
  private static double micros(
      KubernetesSerialization json, String text, Class<? extends HasMetadata> type) {
    double best = Double.MAX_VALUE;
    for (int round = 0; round < 2 * ROUNDS; round++) {
      long start = System.nanoTime();
      int names = 0;
      for (int i = 0; i < DECODES; i++) {
        names += json.unmarshal(text, type).getMetadata().getName().length();
      }
      double each = (System.nanoTime() - start) / 1000.0 / DECODES;
      if (round >= ROUNDS && names > 0) {
        best = Math.min(best, each);
      }
    }
    return best;
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = DecodingBenchmark.class.getResourceAsStream("/bench/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
