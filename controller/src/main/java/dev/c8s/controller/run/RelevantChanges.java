package dev.c8s.controller.run;

import dev.c8s.controller.job.KueueAdmission;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether an update of a step's Job or pod changes what a reconciliation reads of it; the caches
 * take every update, but only these wake the run. The Job controller and the kubelet write a step's
 * objects about ten times (ready counts, uncounted pods, finalizers, probe times), and each woken
 * pass costs a copy of the run, an observation and a decision: on two cores that was a third of the
 * controller's CPU in the benchmark (docs/performance.md).
 */
final class RelevantChanges {
  private RelevantChanges() {}

  /**
   * For a Job: its end, Complete/Failed, Kueue's suspend and admission (start time), labels,
   * deletion.
   */
  static boolean job(Job newer, Job older) {
    return !Objects.equals(jobView(newer), jobView(older));
  }

  /**
   * For a pod: its phase (its end lets the step's log be archived before the Job's end, so the log
   * URL rides the step's end write), every container's state up to running (a waiting reason, a
   * problem), labels, deletion. A container's end is not: the pod's end or the Job's end follows.
   */
  static boolean pod(Pod newer, Pod older) {
    return !Objects.equals(podView(newer), podView(older));
  }

  /**
   * Whether a Job or pod that appears wakes its run: one that has started or ended does (a
   * controller's first listing after a restart), and so does one Kueue holds; one just created has
   * nothing to tell yet (the pass that created it is the one that ran).
   */
  static boolean jobAdded(Job job) {
    // Created suspended for Kueue: the run shows the step waiting for admission.
    if (job.getSpec() != null && Boolean.TRUE.equals(job.getSpec().getSuspend())) {
      return true;
    }
    return job.getStatus() != null
        && (job.getStatus().getStartTime() != null
            || (job.getStatus().getConditions() != null
                && !job.getStatus().getConditions().isEmpty()));
  }

  /** As {@link #jobAdded}: a pod without container states yet has nothing to tell. */
  static boolean podAdded(Pod pod) {
    return pod.getStatus() != null
        && ((pod.getStatus().getContainerStatuses() != null
                && !pod.getStatus().getContainerStatuses().isEmpty())
            || (pod.getStatus().getInitContainerStatuses() != null
                && !pod.getStatus().getInitContainerStatuses().isEmpty()));
  }

  private static List<Object> jobView(Job job) {
    List<Object> view = metadataView(job);
    view.add(job.getSpec() == null ? null : job.getSpec().getSuspend());
    var status = job.getStatus();
    if (status != null) {
      // A step starts when its Job is created; only under Kueue does admission (startTime) count.
      view.add(KueueAdmission.queued(job) ? status.getStartTime() : null);
      view.add(status.getCompletionTime());
      if (status.getConditions() != null) {
        for (JobCondition c : status.getConditions()) {
          // Only what StepObservation reads: SuccessCriteriaMet, FailureTarget come just before.
          if ("Complete".equals(c.getType()) || "Failed".equals(c.getType())) {
            view.add(
                List.of(c.getType(), c.getStatus(), text(c.getReason()), text(c.getMessage())));
          }
        }
      }
    }
    return view;
  }

  private static List<Object> podView(Pod pod) {
    List<Object> view = metadataView(pod);
    var status = pod.getStatus();
    if (status != null) {
      // Conditions (scheduled, initialized, ready) are not read: the containers' states say it.
      view.add(status.getPhase());
      containers(status.getInitContainerStatuses(), view);
      containers(status.getContainerStatuses(), view);
    }
    return view;
  }

  private static List<Object> metadataView(HasMetadata object) {
    List<Object> view = new ArrayList<>();
    view.add(object.getMetadata().getUid());
    view.add(object.getMetadata().getDeletionTimestamp());
    Map<String, String> labels = object.getMetadata().getLabels();
    view.add(labels);
    return view;
  }

  private static void containers(List<ContainerStatus> statuses, List<Object> view) {
    if (statuses == null) {
      return;
    }
    for (ContainerStatus s : statuses) {
      view.add(s.getName());
      view.add(s.getImage());
      ContainerState state = s.getState();
      if (state == null) {
        view.add("no state");
      } else if (state.getRunning() != null || state.getTerminated() != null) {
        // A container that ended counts as running: the pod's end (all of them ended) or the Job's
        // Complete or Failed follows and wakes the run, which reads the exit code from the cache.
        view.add("running");
      } else if (state.getWaiting() != null) {
        view.add(List.of("waiting", text(state.getWaiting().getReason())));
        view.add(text(state.getWaiting().getMessage()));
      }
    }
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }
}
