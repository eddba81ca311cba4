package dev.c8s.controller.run;

import dev.c8s.controller.job.StepJobFactory;
import dev.c8s.model.engine.StepReason;
import dev.c8s.model.v1alpha1.C8s;
import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RepositoryConnection;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The caches a run's reconciliation reads instead of asking the API server each time: the run's
 * Jobs and pods, and the PipelineConfigs, ResourceQuotas and RepositoryConnections of its
 * namespace.
 */
final class RunEventSources {
  private static final String JOBS = "step-jobs";
  private static final String QUOTAS = "resource-quotas";
  private static final String CONNECTIONS = "repository-connections";
  private static final String PODS = "step-pods";
  private static final String CONFIGS = "pipeline-configs";

  /** The label the Job controller puts on a Job's pods: the Job's name. */
  static final String JOB_NAME_LABEL = "batch.kubernetes.io/job-name";

  /** Index of the cached pods by namespace and Job name. */
  private static final String BY_JOB = "by-job";

  private RunEventSources() {}

  static List<EventSource<?, PipelineRun>> create(EventSourceContext<PipelineRun> context) {
    // Only our Jobs are cached, not every Job in the cluster.
    var jobs =
        InformerEventSourceConfiguration.from(Job.class, PipelineRun.class)
            .withName(JOBS)
            .withLabelSelector(C8s.LABEL_MANAGED_BY + "=" + C8s.MANAGED_BY)
            .withItemStore(CachePruning.jobs())
            .withInformerListLimit(CachePruning.LIST_LIMIT)
            .withOnAddFilter(RelevantChanges::jobAdded)
            .withOnUpdateFilter(RelevantChanges::job)
            .build();
    // A quota whose usage changes wakes the runs of its namespace that wait for room at once.
    IndexerResourceCache<PipelineRun> runs = context.getPrimaryCache();
    var quotas =
        InformerEventSourceConfiguration.from(ResourceQuota.class, PipelineRun.class)
            .withName(QUOTAS)
            .withSecondaryToPrimaryMapper(
                q -> waitingForQuota(runs, q.getMetadata().getNamespace()))
            .<PipelineRun>withPrimaryToSecondaryMapper(RunEventSources::readDirectly)
            .build();
    // Read when steps start (for clone credentials); a change needs no reconciliation.
    var connections =
        InformerEventSourceConfiguration.from(RepositoryConnection.class, PipelineRun.class)
            .withName(CONNECTIONS)
            .withSecondaryToPrimaryMapper(c -> Set.of())
            .<PipelineRun>withPrimaryToSecondaryMapper(RunEventSources::readDirectly)
            .build();
    // A step pod's container states (an image that cannot be pulled) change while its Job does
    // not; the pod names its run in an annotation.
    var pods =
        InformerEventSourceConfiguration.from(Pod.class, PipelineRun.class)
            .withName(PODS)
            .withLabelSelector(C8s.LABEL_MANAGED_BY + "=" + C8s.MANAGED_BY)
            .withItemStore(CachePruning.pods())
            .withInformerListLimit(CachePruning.LIST_LIMIT)
            .withOnAddFilter(RelevantChanges::podAdded)
            .withOnUpdateFilter(RelevantChanges::pod)
            .withSecondaryToPrimaryMapper(RunEventSources::runOfPod)
            .<PipelineRun>withPrimaryToSecondaryMapper(RunEventSources::readDirectly)
            .build();
    // Read when a run starts (its snapshot); a change needs no reconciliation of runs.
    var configs =
        InformerEventSourceConfiguration.from(PipelineConfig.class, PipelineRun.class)
            .withName(CONFIGS)
            .withSecondaryToPrimaryMapper(c -> Set.of())
            .<PipelineRun>withPrimaryToSecondaryMapper(RunEventSources::readDirectly)
            .build();
    var podSource = new InformerEventSource<>(pods, context);
    // A pass reads the pods of each running step: by index, since a namespace holds the pods of
    // every kept run, and scanning them all made each step cost more as runs piled up.
    podSource.addIndexers(Map.of(BY_JOB, RunEventSources::jobOfPod));
    return List.of(
        new InformerEventSource<>(jobs, context),
        new InformerEventSource<>(configs, context),
        podSource,
        new InformerEventSource<>(quotas, context),
        new InformerEventSource<>(connections, context));
  }

  static List<ResourceQuota> quotas(Context<PipelineRun> context, String namespace) {
    return cached(context, ResourceQuota.class, QUOTAS, namespace);
  }

  /** The cached pods of a step's Job. */
  static List<Pod> pods(Context<PipelineRun> context, Job job) {
    String uid = job.getMetadata().getUid();
    var source =
        (InformerEventSource<Pod, PipelineRun>)
            context.eventSourceRetriever().getEventSourceFor(Pod.class, PODS);
    return source
        .byIndex(BY_JOB, jobKey(job.getMetadata().getNamespace(), job.getMetadata().getName()))
        .stream()
        // A pod left by an earlier Job of the same name (an earlier run of that name) is not ours.
        .filter(
            p -> {
              String owner = p.getMetadata().getLabels().get("batch.kubernetes.io/controller-uid");
              return owner == null || uid == null || owner.equals(uid);
            })
        .toList();
  }

  static List<String> jobOfPod(Pod pod) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    String job = labels == null ? null : labels.get(JOB_NAME_LABEL);
    return job == null ? List.of() : List.of(jobKey(pod.getMetadata().getNamespace(), job));
  }

  private static String jobKey(String namespace, String job) {
    return namespace + "/" + job;
  }

  private static Set<ResourceID> runOfPod(Pod pod) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    String run = annotations == null ? null : annotations.get(StepJobFactory.RUN_ANNOTATION);
    return run == null ? Set.of() : Set.of(new ResourceID(run, pod.getMetadata().getNamespace()));
  }

  /** The cached PipelineConfig {@code namespace/name}, if the cache holds it. */
  static Optional<PipelineConfig> pipelineConfig(
      Context<PipelineRun> context, String namespace, String name) {
    var source =
        (InformerEventSource<PipelineConfig, PipelineRun>)
            context.eventSourceRetriever().getEventSourceFor(PipelineConfig.class, CONFIGS);
    return source.get(new ResourceID(name, namespace));
  }

  static List<RepositoryConnection> connections(Context<PipelineRun> context, String namespace) {
    return cached(context, RepositoryConnection.class, CONNECTIONS, namespace);
  }

  private static <R extends HasMetadata> List<R> cached(
      Context<PipelineRun> context, Class<R> type, String name, String namespace) {
    var source =
        (InformerEventSource<R, PipelineRun>)
            context.eventSourceRetriever().getEventSourceFor(type, name);
    return source.list(namespace, r -> true).toList();
  }

  /**
   * These caches are read by namespace, never as a run's secondaries: an explicit mapper keeps the
   * SDK from building an index of run → quota that would only ever grow.
   */
  private static Set<ResourceID> readDirectly(PipelineRun run) {
    return Set.of();
  }

  private static Set<ResourceID> waitingForQuota(
      IndexerResourceCache<PipelineRun> runs, String namespace) {
    return runs.list(namespace, RunEventSources::waitsForQuota)
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }

  private static boolean waitsForQuota(PipelineRun run) {
    return run.getStatus() != null
        && run.getStatus().getSteps() != null
        && run.getStatus().getSteps().stream()
            .anyMatch(s -> StepReason.WaitingForQuota.name().equals(s.getReason()));
  }
}
