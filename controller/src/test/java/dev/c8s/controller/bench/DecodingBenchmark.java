package dev.c8s.controller.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.c8s.controller.config.BoundedFieldNames;
import dev.c8s.controller.config.ManagedFieldsUnread;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * CPU to decode one step pod and one step Job as the controller's watches receive them (captured
 * from the controller benchmark, managedFields included), with the client's default mapper and with
 * {@link ManagedFieldsUnread}: the per-event saving, which a whole-machine run cannot resolve.
 * Then, with each object's owner UID new (the field names {@code k:{"uid":"…"}} in managedFields)
 * and read from bytes as watch events are, the cost of Jackson's shared table of field names
 * against parsing without it and against the controller's bounded table ({@code
 * BoundedFieldNames}).
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

    ObjectMapper uncachedMapper = new ObjectMapper();
    new ManagedFieldsUnread().customize(uncachedMapper);
    // Tried for the controller's client and not kept (docs/performance.md, sixth session).
    uncachedMapper.getFactory().configure(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES, false);
    KubernetesSerialization uncached = new KubernetesSerialization(uncachedMapper, true);
    ObjectMapper boundedMapper = new ObjectMapper(new BoundedFieldNames());
    new ManagedFieldsUnread().customize(boundedMapper);
    KubernetesSerialization bounded = new KubernetesSerialization(boundedMapper, true);
    System.out.printf(
        "%n| each object with an owner UID of its own, as in a watch | field names cached: µs, KB"
            + " allocated | not cached: µs, KB allocated | bounded table (the controller's): µs, KB"
            + " allocated |%n|---|---|---|---|%n");
    for (String[] object : new String[][] {{"step pod", pod}, {"step Job", job}}) {
      Class<? extends HasMetadata> type = object[0].endsWith("pod") ? Pod.class : Job.class;
      Decoding cached = ownersOfTheirOwn(unread, object[1], type);
      Decoding not = ownersOfTheirOwn(uncached, object[1], type);
      Decoding boundedTable = ownersOfTheirOwn(bounded, object[1], type);
      System.out.printf(
          "| %s | %.1f, %.1f | %.1f, %.1f | %.1f, %.1f |%n",
          object[0],
          cached.micros(),
          cached.kilobytes(),
          not.micros(),
          not.kilobytes(),
          boundedTable.micros(),
          boundedTable.kilobytes());
    }
  }

  private record Decoding(double micros, double kilobytes) {}

  /**
   * As {@link #micros}, with the owner's UID replaced by a new one for each decode (the replacing
   * costs the same in both columns); also the bytes the decoding thread allocated per decode.
   */
  private static Decoding ownersOfTheirOwn(
      KubernetesSerialization json, String text, Class<? extends HasMetadata> type) {
    String owner = ownerUid(json, text, type);
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().threadId();
    Decoding best = new Decoding(Double.MAX_VALUE, 0);
    for (int round = 0; round < 2 * ROUNDS; round++) {
      long allocated = threads.getThreadAllocatedBytes(thread);
      long start = System.nanoTime();
      int names = 0;
      for (int i = 0; i < DECODES; i++) {
        byte[] decoded =
            text.replace(owner, UUID.randomUUID().toString()).getBytes(StandardCharsets.UTF_8);
        names +=
            json.unmarshal(new ByteArrayInputStream(decoded), type)
                .getMetadata()
                .getName()
                .length();
      }
      double each = (System.nanoTime() - start) / 1000.0 / DECODES;
      double kilobytes = (threads.getThreadAllocatedBytes(thread) - allocated) / 1024.0 / DECODES;
      if (round >= ROUNDS && names > 0 && each < best.micros()) {
        best = new Decoding(each, kilobytes);
      }
    }
    return best;
  }

  private static String ownerUid(
      KubernetesSerialization json, String text, Class<? extends HasMetadata> type) {
    return json.unmarshal(text, type).getMetadata().getOwnerReferences().get(0).getUid();
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
