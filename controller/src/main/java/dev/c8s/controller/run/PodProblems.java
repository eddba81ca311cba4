package dev.c8s.controller.run;

import dev.c8s.controller.job.HelperOutput;
import dev.c8s.model.engine.StepReason;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a step pod's container statuses say went wrong before the step's commands could run: an
 * image the kubelet cannot pull, a container it cannot create, a helper that failed.
 */
final class PodProblems {
  /** Waiting reasons that never resolve on their own (pull back-off: the kubelet gave up once). */
  private static final Set<String> IMAGE =
      Set.of("ImagePullBackOff", "InvalidImageName", "ErrImageNeverPull");

  private static final Set<String> CONFIG = Set.of("CreateContainerConfigError");

  /**
   * How long a pod may wait in CreateContainerConfigError before its step fails: the kubelet's
   * Secret cache can lag a Secret created moments before the run, and it retries by itself.
   */
  static final Duration CONFIG_GRACE = Duration.ofSeconds(30);

  /** Longest container message quoted in a step's status. */
  private static final int MESSAGE_LIMIT = 600;

  private PodProblems() {}

  /** A reason and message for a container stuck in a state that needs a person. */
  record Problem(StepReason reason, String message) {}

  /** The first container (init containers first) that cannot start, if any, at {@code now}. */
  static Optional<Problem> stuck(List<Pod> pods, Instant now) {
    boolean old =
        pods.stream()
            .map(p -> p.getMetadata().getCreationTimestamp())
            .filter(t -> t != null)
            .map(Instant::parse)
            .anyMatch(created -> created.plus(CONFIG_GRACE).isBefore(now));
    for (ContainerStatus status : statuses(pods)) {
      ContainerStateWaiting waiting =
          status.getState() == null ? null : status.getState().getWaiting();
      if (waiting == null || waiting.getReason() == null) {
        continue;
      }
      if (IMAGE.contains(waiting.getReason())) {
        return Optional.of(
            new Problem(
                StepReason.ImagePullFailed,
                "image "
                    + status.getImage()
                    + " of container "
                    + status.getName()
                    + " cannot be pulled ("
                    + waiting.getReason()
                    + "): "
                    + shorten(waiting.getMessage())));
      }
      if (CONFIG.contains(waiting.getReason()) && old) {
        return Optional.of(
            new Problem(
                StepReason.ContainerConfigError,
                "container "
                    + status.getName()
                    + " cannot start: "
                    + shorten(waiting.getMessage())));
      }
    }
    return Optional.empty();
  }

  /**
   * The failed helper init container (clone, download), as "clone failed with exit code 128: <its
   * last output lines>" (helpers report their log tail as termination message).
   */
  static Optional<String> failedInit(List<Pod> pods) {
    for (Pod pod : pods) {
      if (pod.getStatus() == null || pod.getStatus().getInitContainerStatuses() == null) {
        continue;
      }
      for (ContainerStatus status : pod.getStatus().getInitContainerStatuses()) {
        ContainerStateTerminated ended =
            status.getState() == null ? null : status.getState().getTerminated();
        if (ended != null && ended.getExitCode() != null && ended.getExitCode() != 0) {
          String output =
              ended.getMessage() == null
                  ? ""
                  : ": " + shorten(HelperOutput.text(ended.getMessage()));
          return Optional.of(
              status.getName() + " failed with exit code " + ended.getExitCode() + output);
        }
      }
    }
    return Optional.empty();
  }

  private static List<ContainerStatus> statuses(List<Pod> pods) {
    List<ContainerStatus> all = new ArrayList<>();
    for (Pod pod : pods) {
      if (pod.getStatus() == null) {
        continue;
      }
      if (pod.getStatus().getInitContainerStatuses() != null) {
        all.addAll(pod.getStatus().getInitContainerStatuses());
      }
      if (pod.getStatus().getContainerStatuses() != null) {
        all.addAll(pod.getStatus().getContainerStatuses());
      }
    }
    return all;
  }

  private static String shorten(String message) {
    if (message == null) {
      return "";
    }
    String trimmed = message.strip();
    return trimmed.length() <= MESSAGE_LIMIT
        ? trimmed
        : "..." + trimmed.substring(trimmed.length() - MESSAGE_LIMIT);
  }
}
