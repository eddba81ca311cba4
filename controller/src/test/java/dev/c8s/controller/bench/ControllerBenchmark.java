package dev.c8s.controller.bench;

import static org.awaitility.Awaitility.await;

import dev.c8s.controller.job.KubernetesNames;
import dev.c8s.controller.process.ControllerProcess;
import dev.c8s.controller.run.Runs;
import dev.c8s.model.v1alpha1.NewRun;
import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineConfigSpec;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.Step;
import dev.c8s.testing.ControlPlane;
import dev.c8s.testing.S3ProxyServer;
import dev.c8s.testing.ServiceIdentities.Service;
import dev.c8s.testing.SharedControlPlane;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Creates N three-step runs against the real control plane (kwok completing pods at once) and
 * reports runs/s, creation → first Job and step done → next Job percentiles, and the controller's
 * RSS; then does the same with a plain client creating the Jobs itself.
 *
 * <p>Run: {@code ./mvnw -B verify -pl common-model,controller -Pbenchmark -Dc8s.bench.runs=200}
 */
public final class ControllerBenchmark {
  private static final List<String> STEPS = List.of("checkout", "build", "test");

  /** The measured runs' names start so; the warm-up's do not, and are left out of every count. */
  private static final String MEASURED_RUN_PREFIX = "run-";

  private ControllerBenchmark() {}

  public static void main(String[] args) {
    int runs = Integer.getInteger("c8s.bench.runs", 100);
    // 0: all runs at once (throughput); above: that many runs per second (latency under load).
    double rate = Double.parseDouble(System.getProperty("c8s.bench.rate", "0"));
    // Each round measures c8s and the plain client once, in turn (ABBA), on the same machine.
    int rounds = Integer.getInteger("c8s.bench.rounds", 1);
    // Asked before anything starts: a bad value then ends the JVM at once.
    boolean split = CpuSplit.requested();
    ControlPlane plane = SharedControlPlane.get(true);
    S3ProxyServer s3 = S3ProxyServer.shared();
    KubernetesClient client = plane.client();

    // The runs' namespaces and pipelines exist before the controller starts, so every round's
    // runs find their PipelineConfig in its cache.
    List<String> namespaces = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      String ns = plane.newNamespace("bench");
      client.resource(config(ns)).create();
      namespaces.add(ns);
    }
    BenchmarkRounds results = new BenchmarkRounds(runs * STEPS.size());
    try (ControllerProcess process =
        ControllerProcess.start(
            plane,
            s3,
            Path.of(System.getProperty("c8s.bench.log", "target/benchmark-controller.log")),
            followerSettings())) {
      if (split) {
        CpuSplit.pin(process.pid());
      }
      warmUp(client, namespaces.get(0));
      for (int r = 0; r < rounds; r++) {
        String ns = namespaces.get(r);
        Supplier<Result> c8s =
            () ->
                measure(
                    client, ns, runs, rate, run -> client.resource(run).create(), process, true);
        // The controller runs on, idle, while the plain client is measured: its CPU counts there.
        Supplier<Result> plain =
            () -> measureDirectly(client, plane.newNamespace("bench-direct"), runs, rate, process);
        Map<String, Integer> callsBefore = settledCalls(plane, ns);
        Result controller;
        Result baseline;
        if (r % 2 == 0) {
          controller = c8s.get();
          baseline = plain.get();
        } else {
          baseline = plain.get();
          controller = c8s.get();
        }
        String callsPerStep = perStep(callsBefore, settledCalls(plane, ns), runs * STEPS.size());
        results.add(controller, baseline);
        System.out.printf(
            "%nround %d of %d (%s first)%n", r + 1, rounds, r % 2 == 0 ? "c8s" : "plain");
        System.out.println(report(runs, rate, controller, baseline));
        System.out.println();
        System.out.println(
            "controller's API calls per step, as the audit log counts them: " + callsPerStep);
      }
      System.out.println();
      System.out.println(readReconcileTimes(process));
    }
    System.out.println();
    System.out.println(results);
    plane.close();
    s3.close();
    // The HTTP client's Vert.x event loops are not daemon threads and would keep the JVM alive.
    System.exit(0);
  }

  /**
   * kwok never ends a followed log (its log server has no container to watch end), where a kubelet
   * ends it when the container exits; a follower on kwok then waits until it is quiet, gives up and
   * the log is read again. So by default the benchmark reads each step's log once when the step has
   * ended ({@code max-log-followers=0}): the same two log requests (clone, step) that following
   * costs a step on a real node. {@code -Dc8s.bench.follow-logs=true} measures kwok's way.
   */
  private static Map<String, String> followerSettings() {
    return Boolean.getBoolean("c8s.bench.follow-logs")
        ? Map.of()
        : Map.of("c8s.controller.max-log-followers", "0");
  }

  /** The controller's calls in {@code ns} once they stop changing (archives end after runs). */
  private static Map<String, Integer> settledCalls(ControlPlane plane, String ns) {
    return plane.audit().settledCountsBy(Service.CONTROLLER.userName(), ns, Duration.ofMinutes(2));
  }

  private static String perStep(
      Map<String, Integer> before, Map<String, Integer> after, int steps) {
    Map<String, String> perStep = new TreeMap<>();
    int total = 0;
    for (Map.Entry<String, Integer> kind : after.entrySet()) {
      int calls = kind.getValue() - before.getOrDefault(kind.getKey(), 0);
      total += calls;
      perStep.put(kind.getKey(), String.format("%.2f", (double) calls / steps));
    }
    return String.format("%.2f %s", (double) total / steps, perStep);
  }

  private static String readReconcileTimes(ControllerProcess process) {
    try {
      return ReconcileTimes.parse(process.get("/q/metrics").body()).toString();
    } catch (IOException | InterruptedException | RuntimeException e) {
      return "reconcile times unavailable: " + e;
    }
  }

  /**
   * Starts {@code runs} runs named run-0… with {@code start}, at once or {@code rate} per second,
   * and measures until each one's last Job has finished.
   */
  private static Result measure(
      KubernetesClient client,
      String ns,
      int runs,
      double rate,
      java.util.function.Consumer<PipelineRun> start,
      ControllerProcess process,
      boolean controllerAtWork) {
    return measure(
        client,
        ns,
        runs,
        createdAt ->
            paced(
                runs,
                rate,
                i -> {
                  PipelineRun run = run(ns, MEASURED_RUN_PREFIX + i);
                  start.accept(run);
                  createdAt.put(run.getMetadata().getName(), System.nanoTime() / 1_000_000);
                }),
        process,
        controllerAtWork);
  }

  private static Result measure(
      KubernetesClient client,
      String ns,
      int runs,
      java.util.function.Consumer<Map<String, Long>> create,
      ControllerProcess process,
      boolean controllerAtWork) {
    JobTimeline timeline = new JobTimeline();
    Map<String, Long> createdAt = new ConcurrentHashMap<>();
    AtomicLong rss = new AtomicLong();
    long pid = process.pid();
    CpuByComponent cpuBefore = CpuByComponent.snapshot(pid);
    ApiRequestMix requestsBefore = ApiRequestMix.snapshot(client);
    try (Watch watch = client.batch().v1().jobs().inNamespace(ns).watch(timeline);
        ApiServerProfiles.Taking profiles =
            ApiServerProfiles.during(client, (controllerAtWork ? "c8s-" : "plain-") + ns)) {
      long start = System.nanoTime() / 1_000_000;
      // Created from a thread of its own, so memory is sampled while paced runs are still coming.
      Thread creator = Thread.ofPlatform().name("creator").start(() -> create.accept(createdAt));
      String last = "run-%d-" + STEPS.get(STEPS.size() - 1);
      await()
          .ignoreExceptions()
          .atMost(Duration.ofMinutes(40))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                if (controllerAtWork) {
                  rss.accumulateAndGet(process.rssKib(), Math::max);
                }
                for (int i = 0; i < runs; i++) {
                  if (!timeline.finished.containsKey(String.format(last, i))) {
                    return false;
                  }
                }
                return true;
              });
      join(creator);
      CpuByComponent cpu = CpuByComponent.snapshot(pid).since(cpuBefore);
      ApiRequestMix requests = ApiRequestMix.snapshot(client).since(requestsBefore);
      long end = timeline.finished.values().stream().mapToLong(Long::longValue).max().orElse(start);
      List<Long> firstJob = new ArrayList<>();
      List<Long> nextJob = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        String run = MEASURED_RUN_PREFIX + i;
        Long first = timeline.created.get(KubernetesNames.jobName(run, STEPS.get(0)));
        if (first != null) {
          firstJob.add(first - createdAt.getOrDefault(run, start));
        }
        for (int s = 1; s < STEPS.size(); s++) {
          Long done = timeline.finished.get(KubernetesNames.jobName(run, STEPS.get(s - 1)));
          Long next = timeline.created.get(KubernetesNames.jobName(run, STEPS.get(s)));
          if (done != null && next != null) {
            nextJob.add(next - done);
          }
        }
      }
      return new Result(
          runs * 1000.0 / Math.max(1, end - start),
          new Percentiles(firstJob),
          new Percentiles(nextJob),
          rss.get(),
          cpu,
          requests,
          perInterval(timeline.created, start, end)
              + " created, "
              + perInterval(timeline.finished, start, end)
              + " finished");
    }
  }

  private static void join(Thread thread) {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Runs to the end first ({@code c8s.bench.warmup}, default 300), so JVM start and informer sync
   * are not measured; the JIT compiler still works on, and the CPU table shows how much.
   */
  private static void warmUp(KubernetesClient client, String ns) {
    int runs = Integer.getInteger("c8s.bench.warmup", 300);
    for (int i = 0; i < runs; i++) {
      client.resource(run(ns, "warm-up-" + i)).create();
    }
    await()
        .ignoreExceptions()
        // About 4 runs/s when they all start at once; a generous bound.
        .atMost(Duration.ofSeconds(120 + runs))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                client.resources(PipelineRun.class).inNamespace(ns).list().getItems().stream()
                    .filter(r -> r.getMetadata().getName().startsWith("warm-up-"))
                    .filter(
                        r ->
                            r.getStatus() != null
                                && r.getStatus().getPhase() != null
                                && r.getStatus().getPhase().isTerminal())
                    .count(),
            done -> done == runs);
  }

  record Result(
      double runsPerSecond,
      Percentiles firstJob,
      Percentiles nextJob,
      long rssKib,
      CpuByComponent cpu,
      ApiRequestMix requests,
      String jobsPerInterval) {}

  /**
   * How many of the measured runs' Jobs in {@code times} fall in each 5 s from {@code start}: where
   * a phase's time went. The warm-up's Jobs, which the watch replays as it starts in the first
   * phase's namespace, are not counted.
   */
  private static String perInterval(Map<String, Long> times, long start, long end) {
    int[] counts = new int[(int) ((end - start) / 5000) + 1];
    times.forEach(
        (job, t) -> {
          if (job.startsWith(MEASURED_RUN_PREFIX) && t >= start && t <= end) {
            counts[(int) ((t - start) / 5000)]++;
          }
        });
    return java.util.Arrays.toString(counts);
  }

  /** Calls {@code create} for 0..runs-1, at once or {@code rate} times per second. */
  private static void paced(int runs, double rate, java.util.function.IntConsumer create) {
    long start = System.nanoTime();
    for (int i = 0; i < runs; i++) {
      if (rate > 0) {
        long due = start + (long) (i * 1_000_000_000L / rate);
        java.util.concurrent.locks.LockSupport.parkNanos(due - System.nanoTime());
      }
      create.accept(i);
    }
  }

  private static String report(int runs, double rate, Result controller, Result direct) {
    String load = rate > 0 ? String.format(" at %.1f runs/s", rate) : " at once";
    return String.join(
        "\n",
        "| " + runs + " runs × 3 steps" + load + " | c8s controller | plain client creating Jobs |",
        "|---|---|---|",
        String.format(
            "| runs/s | %.2f | %.2f |", controller.runsPerSecond(), direct.runsPerSecond()),
        String.format(
            "| creation → first Job p50 / p99 (ms) | %d / %d | %d / %d |",
            controller.firstJob().at(50),
            controller.firstJob().at(99),
            direct.firstJob().at(50),
            direct.firstJob().at(99)),
        String.format(
            "| step done → next Job p50 / p99 (ms) | %d / %d | %d / %d |",
            controller.nextJob().at(50),
            controller.nextJob().at(99),
            direct.nextJob().at(50),
            direct.nextJob().at(99)),
        String.format("| controller RSS max (MiB) | %d | – |", controller.rssKib() / 1024),
        "",
        "Jobs per 5 s, c8s: " + controller.jobsPerInterval(),
        "Jobs per 5 s, plain client: " + direct.jobsPerInterval(),
        "",
        "| CPU while measured | c8s controller | plain client creating Jobs |",
        "|---|---|---|",
        CpuByComponent.table(controller.cpu(), direct.cpu(), runs * STEPS.size()),
        "",
        ApiRequestMix.table(controller.requests(), direct.requests(), runs * STEPS.size()));
  }

  /** The baseline: the same runs' Jobs created by {@link PlainJobChains}, no c8s controller. */
  private static Result measureDirectly(
      KubernetesClient client, String ns, int runs, double rate, ControllerProcess idle) {
    try (PlainJobChains chains = new PlainJobChains(client, config(ns).getSpec());
        Watch watch = client.batch().v1().jobs().inNamespace(ns).watch(chains)) {
      return measure(client, ns, runs, rate, chains::start, idle, false);
    }
  }

  private static PipelineConfig config(String ns) {
    Step[] steps = STEPS.stream().map(name -> Runs.step(name, "sleep 0")).toArray(Step[]::new);
    PipelineConfig config = Runs.config(ns, "bench", steps);
    // The plain client deletes none of its Jobs while measured; with the default limit (100) c8s
    // would delete most runs, and the garbage collector their Jobs and pods, inside the window.
    config.getSpec().setHistoryLimit(PipelineConfigSpec.HISTORY_LIMIT_MAX);
    return config;
  }

  /**
   * A run as the webhook creates one for a push ({@link NewRun}): with its index label, so the
   * controller's only writes of it are status writes. A run created without the label (kubectl's)
   * costs one label patch more (decision 0086).
   */
  private static PipelineRun run(String ns, String name) {
    PipelineRun run =
        new NewRun(ns, "bench", "abc123def4567890", "main", "benchmark", Instant.now(), Map.of())
            .build();
    run.getMetadata().setName(name);
    return run;
  }
}
