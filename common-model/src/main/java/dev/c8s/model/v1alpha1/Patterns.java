package dev.c8s.model.v1alpha1;

/** The schema patterns of seed 001, shared by the CRD annotations and the validators. */
public final class Patterns {
  /** A git URL with an explicit scheme. */
  public static final String REPOSITORY_URL = "^(https?|git|ssh)://.*";

  /** A DNS-1123 label, as step names must be. */
  public static final String STEP_NAME = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

  /** A duration in whole seconds, minutes or hours. */
  public static final String DURATION = "^[0-9]+(s|m|h)$";

  /** Whole cores or millicores. */
  public static final String CPU = "^[0-9]+m?$";

  /** Mebibytes or gibibytes. */
  public static final String MEMORY = "^[0-9]+(Mi|Gi)$";

  /** An abbreviated or full lowercase hex commit SHA. */
  public static final String COMMIT = "^[a-f0-9]{7,40}$";

  /** An http or https base URL without query or fragment. */
  public static final String API_URL = "^https?://[^?#\\s]+$";

  /** A git ref below {@code refs/}, as a pull request's head ref is; no spaces or shell quoting. */
  public static final String FETCH_REF = "^refs/[A-Za-z0-9._/-]+$";

  private Patterns() {}
}
