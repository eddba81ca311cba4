package dev.c8s.controller.job;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a helper container (clone, download, upload) printed, as it reports it in its termination
 * message, so archiving a step's log reads only the step container's log from the API server
 * (decision 0088). The frame is {@code c8s-output <bytes>\n} and then the output; a message without
 * it, or whose length disagrees (the kubelet cut it short), is not the helper's output.
 */
public final class HelperOutput {
  /** How a framed message starts. */
  static final String PREFIX = "c8s-output ";

  /**
   * Longer output stays in the container log only: the kubelet keeps 4 KiB of a container's message
   * and 12 KiB for all of a pod's.
   */
  static final int LIMIT = 2048;

  private HelperOutput() {}

  /** The output framed in {@code message}; empty when the message is not such a frame. */
  public static Optional<String> of(String message) {
    if (message == null || !message.startsWith(PREFIX)) {
      return Optional.empty();
    }
    int newline = message.indexOf('\n');
    if (newline < 0) {
      return Optional.empty();
    }
    long length;
    try {
      length = Long.parseLong(message.substring(PREFIX.length(), newline));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    String output = message.substring(newline + 1);
    return output.getBytes(UTF_8).length == length ? Optional.of(output) : Optional.empty();
  }

  /**
   * The output of {@code message} when it is framed, else the message as it stands (the kubelet's
   * tail of the log of a helper that failed with more to say than a frame holds).
   */
  public static String text(String message) {
    return of(message).orElse(message);
  }

  /** The output {@code container} of {@code pod} reported when it ended; empty when it did not. */
  public static Optional<String> of(Pod pod, String container) {
    if (pod.getStatus() == null) {
      return Optional.empty();
    }
    return Stream.of(
            pod.getStatus().getInitContainerStatuses(), pod.getStatus().getContainerStatuses())
        .filter(statuses -> statuses != null)
        .flatMap(List::stream)
        .filter(status -> container.equals(status.getName()))
        .map(HelperOutput::ended)
        .filter(ended -> ended != null)
        .findFirst()
        .flatMap(ended -> of(ended.getMessage()));
  }

  private static ContainerStateTerminated ended(ContainerStatus status) {
    return status.getState() == null ? null : status.getState().getTerminated();
  }
}
