package dev.c8s.controller.bench;

import dev.c8s.controller.job.GitCredentials;
import dev.c8s.controller.job.JobSettings;
import dev.c8s.controller.job.KubernetesNames;
import dev.c8s.controller.job.StepJobFactory;
import dev.c8s.controller.job.StepTransfers;
import dev.c8s.model.engine.EngineInput;
import dev.c8s.model.engine.PipelineEngine;
import dev.c8s.model.engine.StepLaunch;
import dev.c8s.model.v1alpha1.C8s;
import dev.c8s.model.v1alpha1.PipelineConfigSpec;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.Step;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The benchmark's baseline: the same step Jobs as c8s's, each created as soon as the previous one
 * of its run completes, with one watch of the namespace's Jobs, as a lean controller of its own
 * would. An earlier baseline waited on each Job with a watch of its own (a LIST, a WATCH and often
 * a new TLS connection per step), which loaded the API server more than the harness needs.
 */
final class PlainJobChains implements Watcher<Job>, AutoCloseable {
  private static final JobSettings SETTINGS =
      new JobSettings("alpine/git:2.47.2", "curlimages/curl:8.11.1", Duration.ofHours(1));

  private final KubernetesClient client;
  private final PipelineConfigSpec spec;

  /** The run and step index of each Job created, by the Job's name. */
  private final Map<String, Next> byJob = new ConcurrentHashMap<>();

  private final Map<String, Boolean> followed = new ConcurrentHashMap<>();
  private final ExecutorService creating = Executors.newVirtualThreadPerTaskExecutor();

  private record Next(PipelineRun run, StepLaunch first, int step) {}

  PlainJobChains(KubernetesClient client, PipelineConfigSpec spec) {
    this.client = client;
    this.spec = spec;
  }

  /** Creates the first Job of {@code run} apart from the caller; the watch creates the rest. */
  void start(PipelineRun run) {
    // Never created, so never given a UID by the API server; the Jobs' builder reads one.
    run.getMetadata().setUid(UUID.randomUUID().toString());
    StepLaunch first =
        PipelineEngine.decide(
                new EngineInput(spec, run.getSpec(), null, null, Map.of(), Instant.now()))
            .start()
            .get(0);
    creating.execute(() -> create(new Next(run, first, 0)));
  }

  @Override
  public void eventReceived(Action action, Job job) {
    Next done = byJob.get(job.getMetadata().getName());
    if (done == null
        || done.step() + 1 >= spec.getSteps().size()
        || !complete(job)
        || followed.putIfAbsent(job.getMetadata().getName(), true) != null) {
      return;
    }
    creating.execute(() -> create(new Next(done.run(), done.first(), done.step() + 1)));
  }

  private void create(Next next) {
    Step step = spec.getSteps().get(next.step());
    StepLaunch first = next.first();
    StepLaunch launch =
        next.step() == 0
            ? first
            : new StepLaunch(
                step.getName(),
                first.image(),
                first.commands(),
                first.env(),
                first.secrets(),
                first.cpu(),
                first.memory(),
                first.timeout(),
                first.artifacts(),
                List.of());
    Job job =
        StepJobFactory.build(
            next.run(),
            spec.getRepository(),
            launch,
            StepTransfers.NONE,
            GitCredentials.NONE,
            SETTINGS);
    job.getMetadata().setOwnerReferences(List.of());
    // Unlabelled, the c8s controller's caches (running beside, idle) never see them.
    job.getMetadata().setLabels(unmanaged(job.getMetadata().getLabels()));
    var template = job.getSpec().getTemplate().getMetadata();
    template.setLabels(unmanaged(template.getLabels()));
    byJob.put(KubernetesNames.jobName(next.run().getMetadata().getName(), step.getName()), next);
    client.resource(job).create();
  }

  private static Map<String, String> unmanaged(Map<String, String> labels) {
    Map<String, String> kept = new HashMap<>(labels);
    kept.remove(C8s.LABEL_MANAGED_BY);
    return kept;
  }

  private static boolean complete(Job job) {
    return job.getStatus() != null
        && job.getStatus().getConditions() != null
        && job.getStatus().getConditions().stream()
            .anyMatch(c -> "Complete".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  @Override
  public void onClose(WatcherException cause) {
    // The benchmark closes the watch; one that fails shows as runs that never finish.
  }

  @Override
  public void close() {
    creating.close();
  }
}
