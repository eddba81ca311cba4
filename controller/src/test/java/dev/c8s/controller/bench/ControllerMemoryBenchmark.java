package dev.c8s.controller.bench;

import static org.awaitility.Awaitility.await;

import dev.c8s.controller.process.ControllerProcess;
import dev.c8s.controller.run.Runs;
import dev.c8s.model.v1alpha1.LogsArchived;
import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineConfigSpec;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RunFields;
import dev.c8s.model.v1alpha1.RunIndexLabels;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.testing.ControlPlane;
import dev.c8s.testing.PackagedService;
import dev.c8s.testing.S3ProxyServer;
import dev.c8s.testing.SharedControlPlane;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The controller's memory with many runs in the cluster: heap after a full GC and RSS of the
 * packaged controller ({@code -Xmx256m}) with 100 running runs, then with N finished ones added
 * (copies of a real finished run's status), and the heap each finished run costs.
 *
 * <p>Run: {@code ./mvnw -B verify -pl controller -Pbenchmark -DskipTests
 * -Dc8s.bench.main=dev.c8s.controller.bench.ControllerMemoryBenchmark -Dc8s.bench.runs=10000}
 */
public final class ControllerMemoryBenchmark {
  // G1 prints one heap line ("committed NK, used NK"), Serial one per generation ("DefNew total
  // NK, used NK", "Tenured ..."): the heap is their sum.
  private static final Pattern HEAP_USED =
      Pattern.compile("(?:committed|total) (\\d+)K, used (\\d+)K");
  private static final int RUNNING = Integer.getInteger("c8s.bench.running", 100);

  private ControllerMemoryBenchmark() {}

  public static void main(String[] args) throws Exception {
    int code = 1;
    try {
      run(Integer.getInteger("c8s.bench.runs", PipelineConfigSpec.HISTORY_LIMIT_MAX - 1));
      code = 0;
    } catch (Exception | Error e) {
      e.printStackTrace();
    } finally {
      // The HTTP client's Vert.x event loops are not daemon threads and would keep the JVM alive.
      System.exit(code);
    }
  }

  /**
   * Measures with the running runs only, then stops the controller, stores the finished runs (so no
   * controller races their status), and starts it again on all of them.
   */
  private static void run(int finished) throws Exception {
    ControlPlane plane = SharedControlPlane.get(true);
    S3ProxyServer s3 = S3ProxyServer.shared();
    KubernetesClient client = plane.client();
    String ns = plane.newNamespace("memory");
    PipelineConfig shortConfig = Runs.config(ns, "short", Runs.step("build", "sleep 0"));
    // Kept, not pruned: the history limit's largest value holds them all.
    shortConfig.getSpec().setHistoryLimit(PipelineConfigSpec.HISTORY_LIMIT_MAX);
    client.resource(shortConfig).create();
    client.resource(Runs.config(ns, "long", Runs.step("build", "sleep 3600"))).create();
    Path log = Path.of(System.getProperty("c8s.bench.log", "target/benchmark-controller.log"));
    List<String> rows = new ArrayList<>();
    PipelineRun template;
    Heap withRunning;
    try (ControllerProcess process = ControllerProcess.start(plane, s3, log)) {
      client.resource(Runs.run(ns, "template", "short", "main")).create();
      template = awaitEnded(client, ns, "template");
      rows.add(row("after one run", heap(process), process));
      for (int i = 0; i < RUNNING; i++) {
        client.resource(Runs.run(ns, "running-" + i, "long", "main")).create();
      }
      await()
          .atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> running(client, ns) >= RUNNING);
      awaitQuiet(process);
      withRunning = heap(process);
      rows.add(row(RUNNING + " running", withRunning, process));
    }
    long start = System.nanoTime();
    createFinished(client, ns, template, finished);
    double stored = (System.nanoTime() - start) / 1e9;
    try (ControllerProcess process = ControllerProcess.start(plane, s3, log)) {
      long restart = System.nanoTime();
      awaitQuiet(process);
      double settled = (System.nanoTime() - restart) / 1e9;
      Heap withFinished = heap(process);
      rows.add(
          row(RUNNING + " running + " + finished + " finished (restarted)", withFinished, process));
      long perRun = (withFinished.usedKib() - withRunning.usedKib()) * 1024 / finished;
      System.out.printf(
          "%nstored %d finished runs in %.0f s; the restarted controller went quiet after %.0f s%n",
          finished, stored, settled);
      System.out.println(
          "| controller (-Xmx256m) | heap used after full GC (MiB) | heap committed (MiB) | RSS (MiB)"
              + " | RSS anonymous (MiB) |");
      System.out.println("|---|---|---|---|---|");
      rows.forEach(System.out::println);
      System.out.printf("heap per finished run: %d bytes%n", perRun);
      System.out.println(
          "a finished run's JSON: " + Serialization.asJson(template).length() + " bytes");
      System.out.println("largest classes on the heap:");
      jcmd(process, "GC.class_histogram").lines().limit(25).forEach(System.out::println);
      if (System.getProperty(PackagedService.JVM_OPTIONS_PROPERTY, "").contains("NativeMemory")) {
        // Where the rest of the RSS goes (heap, metaspace, code, threads, GC, Netty's buffers).
        System.out.println(jcmd(process, "VM.native_memory summary"));
      }
    }
    plane.close();
    s3.close();
  }

  private static PipelineRun awaitEnded(KubernetesClient client, String ns, String name) {
    return await()
        .ignoreExceptions()
        .atMost(Duration.ofMinutes(2))
        .until(
            () -> client.resources(PipelineRun.class).inNamespace(ns).withName(name).get(),
            LogsArchived::endedWithLogs);
  }

  private static long running(KubernetesClient client, String ns) {
    return client
        .resources(PipelineRun.class)
        .inNamespace(ns)
        // By field, as the controller selects runs (decision 0086): it no longer labels the phase.
        .withField(RunFields.PHASE, RunPhase.Running.name())
        .list()
        .getItems()
        .size();
  }

  /** Copies of {@code template}'s metadata, spec and final status, 8 at a time. */
  private static void createFinished(
      KubernetesClient client, String ns, PipelineRun template, int count) throws Exception {
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      List<Future<?>> creates = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String name = String.format("finished-%05d", i);
        creates.add(
            pool.submit(
                () -> {
                  PipelineRun run = Runs.run(ns, name, "short", "main");
                  run.getMetadata()
                      .getLabels()
                      .putAll(RunIndexLabels.wanted(run, RunPhase.Succeeded));
                  PipelineRun created = client.resource(run).create();
                  created.setStatus(template.getStatus());
                  client.resource(created).updateStatus();
                }));
      }
      for (Future<?> f : creates) {
        f.get();
      }
    }
  }

  /** Waits until the controller has had nothing to reconcile for a few seconds. */
  private static void awaitQuiet(ControllerProcess process) {
    AtomicLong last = new AtomicLong(-1);
    await()
        .ignoreExceptions()
        .atMost(Duration.ofMinutes(10))
        .pollInterval(Duration.ofSeconds(5))
        .until(
            () -> {
              long count = ReconcileTimes.parse(process.get("/q/metrics").body()).count();
              return count > 0 && count == last.getAndSet(count);
            });
  }

  private record Heap(long totalKib, long usedKib) {}

  /** Heap use right after a full collection, as {@code jcmd GC.heap_info} reports it. */
  private static Heap heap(ControllerProcess process) throws IOException, InterruptedException {
    jcmd(process, "GC.run");
    String info = jcmd(process, "GC.heap_info");
    Matcher m = HEAP_USED.matcher(info);
    long committed = 0;
    long used = 0;
    boolean found = false;
    while (m.find()) {
      committed += Long.parseLong(m.group(1));
      used += Long.parseLong(m.group(2));
      found = true;
    }
    if (!found) {
      throw new IllegalStateException("no heap figures in: " + info);
    }
    return new Heap(committed, used);
  }

  /** A table row: {@code heap} as measured, the RSS (all, and its anonymous part) now. */
  private static String row(String state, Heap heap, ControllerProcess process) {
    return String.format(
        "| %s | %.0f | %.0f | %d | %d |",
        state,
        heap.usedKib() / 1024.0,
        heap.totalKib() / 1024.0,
        process.rssKib() / 1024,
        process.rssAnonKib() / 1024);
  }

  private static String jcmd(ControllerProcess process, String command)
      throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process p =
        new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), command)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor();
    return out;
  }
}
