package dev.c8s.api.logs;

import dev.c8s.api.kube.PipelineRuns;
import dev.c8s.api.problem.ApiException;
import dev.c8s.api.storage.ObjectStore;
import dev.c8s.api.storage.StorageSettings;
import dev.c8s.model.masking.SecretMasker;
import dev.c8s.model.storage.ObjectKeys;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.Step;
import dev.c8s.model.v1alpha1.StepStatus;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The masked log of one step: archived once stored, else live from the step's pod. */
@ApplicationScoped
public class StepLogs {
  /** Name of the container that runs the step's commands (see the controller's Job factory). */
  static final String STEP_CONTAINER = "step";

  /** Label Kubernetes puts on a Job's pods. */
  static final String JOB_NAME_LABEL = "batch.kubernetes.io/job-name";

  /**
   * A log ready to stream.
   *
   * @param body the masked log
   * @param source {@code archive}, {@code pod}, or {@code live-archive} (what a running step
   *     printed so far, from object storage, when its pod cannot be read)
   */
  public record Log(MaskedStream body, String source) {}

  private final KubernetesClient client;
  private final PipelineRuns runs;
  private final SecretValues secrets;
  private final ObjectStore store;
  private final StorageSettings storage;

  StepLogs(
      KubernetesClient client,
      PipelineRuns runs,
      SecretValues secrets,
      ObjectStore store,
      StorageSettings storage) {
    this.client = client;
    this.runs = runs;
    this.secrets = secrets;
    this.store = store;
    this.storage = storage;
  }

  /** The step's log; 404 with the reason when the run, the step or its log does not exist. */
  public Log open(String namespace, String runName, String stepName, boolean follow) {
    PipelineRun run = runs.get(namespace, runName);
    Optional<StepStatus> status = stepStatus(run, stepName);
    Optional<Step> step = stepSpec(run, stepName);
    if (status.isEmpty() && step.isEmpty()) {
      throw ApiException.notFound(
          run.getStatus() == null || run.getStatus().getPipelineSpec() == null
              ? "PipelineRun \""
                  + runName
                  + "\" has not started yet; step \""
                  + stepName
                  + "\" has no log yet"
              : "PipelineRun \"" + runName + "\" has no step \"" + stepName + "\"");
    }
    SecretMasker masker =
        new SecretMasker(secrets.of(namespace, step.map(Step::getSecrets).orElse(List.of())));
    if (status.isPresent() && status.get().getLogUrl() != null) {
      return archived(namespace, runName, stepName, status.get().getLogUrl(), masker);
    }
    String job = status.map(StepStatus::getJobName).orElse(null);
    if (job == null) {
      throw noLogYet(stepName, status.map(s -> String.valueOf(s.getPhase())).orElse("Pending"));
    }
    return live(namespace, runName, job, stepName, follow, masker);
  }

  private Log archived(
      String namespace, String run, String step, String logUrl, SecretMasker masker) {
    ObjectKeys.Location where =
        ObjectKeys.parse(logUrl)
            .orElse(
                new ObjectKeys.Location(
                    storage.logsBucket(), ObjectKeys.log(namespace, run, step)));
    InputStream in =
        store
            .open(where.bucket(), where.key())
            .orElseThrow(
                () ->
                    ApiException.notFound(
                        "the archived log of step \"" + step + "\" (" + logUrl + ") is missing"));
    // Archived logs are masked already; masking again costs little and covers older archives.
    return new Log(new MaskedStream(in, masker, false, in), "archive");
  }

  private Log live(
      String namespace, String run, String job, String step, boolean follow, SecretMasker masker) {
    Optional<Pod> found =
        client
            .pods()
            .inNamespace(namespace)
            .withLabel(JOB_NAME_LABEL, job)
            .list()
            .getItems()
            .stream()
            .max(Comparator.comparing(p -> p.getMetadata().getCreationTimestamp()));
    if (found.isEmpty()) {
      // Evicted, deleted, or its node is gone: what the controller stored while the step ran.
      return stored(namespace, run, step, masker).orElseThrow(() -> noLogYet(step, "no pod yet"));
    }
    Pod pod = found.get();
    ContainerStatus container =
        pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
            ? null
            : pod.getStatus().getContainerStatuses().stream()
                .filter(c -> STEP_CONTAINER.equals(c.getName()))
                .findFirst()
                .orElse(null);
    if (container == null
        || container.getState() == null
        || container.getState().getWaiting() != null) {
      throw noLogYet(step, "its container has not started");
    }
    var logs =
        client
            .pods()
            .inNamespace(namespace)
            .withName(pod.getMetadata().getName())
            .inContainer(STEP_CONTAINER);
    if (follow) {
      LogWatch watch = logs.watchLog();
      return new Log(new MaskedStream(watch.getOutput(), masker, true, watch), "pod");
    }
    InputStream in = logs.getLogInputStream();
    return new Log(new MaskedStream(in, masker, true, in), "pod");
  }

  /** The archive the controller completed, else the live segments it wrote while the step ran. */
  private Optional<Log> stored(String namespace, String run, String step, SecretMasker masker) {
    String bucket = storage.logsBucket();
    Optional<Log> archive =
        store
            .open(bucket, ObjectKeys.log(namespace, run, step))
            .map(in -> new Log(new MaskedStream(in, masker, false, in), "archive"));
    if (archive.isPresent()) {
      return archive;
    }
    return store
        .openAll(bucket, ObjectKeys.liveSegments(namespace, run, step))
        .map(in -> new Log(new MaskedStream(in, masker, false, in), "live-archive"));
  }

  private static ApiException noLogYet(String step, String why) {
    return ApiException.notFound("step \"" + step + "\" has no log yet (" + why + ")");
  }

  private static Optional<StepStatus> stepStatus(PipelineRun run, String step) {
    if (run.getStatus() == null || run.getStatus().getSteps() == null) {
      return Optional.empty();
    }
    return run.getStatus().getSteps().stream().filter(s -> step.equals(s.getName())).findFirst();
  }

  /** The step in the run's pipeline snapshot, which names the secrets it was given. */
  static Optional<Step> stepSpec(PipelineRun run, String step) {
    if (run.getStatus() == null
        || run.getStatus().getPipelineSpec() == null
        || run.getStatus().getPipelineSpec().getSteps() == null) {
      return Optional.empty();
    }
    return run.getStatus().getPipelineSpec().getSteps().stream()
        .filter(s -> s != null && step.equals(s.getName()))
        .findFirst();
  }
}
