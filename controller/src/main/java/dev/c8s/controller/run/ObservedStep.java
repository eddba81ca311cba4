package dev.c8s.controller.run;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Optional;

/**
 * What one step's Job and pods say in this pass.
 *
 * @param step the step's name
 * @param jobName its Job
 * @param observation the step's state as the Job and pods report it
 * @param jobFinished whether Kubernetes itself has finished the Job
 * @param pods the Job's pods (from the cache; read fresh once it finished if the cache has not seen
 *     the step container end)
 */
record ObservedStep(
    String step, String jobName, StepObservation observation, boolean jobFinished, List<Pod> pods) {

  /** Whether the step ended in this observation. */
  boolean ended() {
    return observation.state().phase().isTerminal();
  }

  /**
   * Ended while Kubernetes would keep retrying its pod (an image that cannot be pulled): the Job
   * has to be deleted to stop it.
   */
  boolean endedBeforeItsJob() {
    return ended() && !jobFinished;
  }

  /**
   * A pod of the step whose containers have all ended while its Job has not finished yet: its log
   * is whole, and archiving it now lets the log's URL ride the write of the step's end.
   */
  Optional<Pod> podEndedBeforeItsJob() {
    return ended()
        ? Optional.empty()
        : pods.stream()
            .filter(p -> p.getStatus() != null)
            .filter(
                p ->
                    "Succeeded".equals(p.getStatus().getPhase())
                        || "Failed".equals(p.getStatus().getPhase()))
            .findFirst();
  }

  /** The pod whose log is the step's, once the step ended. */
  Optional<Pod> endedPod() {
    return ended() ? pods.stream().findFirst() : Optional.empty();
  }
}
