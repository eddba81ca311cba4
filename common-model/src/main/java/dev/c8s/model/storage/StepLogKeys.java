package dev.c8s.model.storage;

/**
 * Where a step's log lives in the logs bucket; the controller writes there and the api-server reads
 * there, so the layout is defined once.
 */
public final class StepLogKeys {
  private static final String LIVE = ".live/";

  private StepLogKeys() {}

  /** The archived log, complete once the step has ended: {@code <namespace>/<run>/<step>.log}. */
  public static String archive(String namespace, String run, String step) {
    return namespace + "/" + run + "/" + step + ".log";
  }

  /**
   * The folder of a running step's log segments, {@code <namespace>/<run>/<step>.log.live/}: what
   * the step printed so far, in numbered objects, deleted once the archive is complete.
   */
  public static String liveSegments(String namespace, String run, String step) {
    return archive(namespace, run, step) + LIVE;
  }

  /** Segment {@code index} of a running step's log; the zero-padded numbers sort in order. */
  public static String liveSegment(String namespace, String run, String step, int index) {
    return liveSegments(namespace, run, step) + "%08d".formatted(index);
  }
}
