package dev.c8s.controller.run;

import io.fabric8.kubernetes.client.KubernetesClientException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Why the last reconciliation of a run failed; the reason of its {@code ReconcileFailure}
 * condition, which stays only while the controller retries.
 */
public enum ReconcileFailureReason {
  /** The Kubernetes API refused or failed a request (5xx, 409, 429, a refused admission). */
  KubernetesApiError,
  /** The object store failed a request (archiving a log, presigning an artifact URL). */
  ObjectStorageError,
  /** Anything else; the message says what. */
  InternalError;

  /** Classifies the failure of a reconciliation. */
  public static ReconcileFailureReason of(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof KubernetesClientException) {
        return KubernetesApiError;
      }
      if (t instanceof SdkException) {
        return ObjectStorageError;
      }
    }
    return InternalError;
  }

  /** A sentence for people: what failed, without the request URL noise, and that it is retried. */
  public static String message(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof KubernetesClientException k && k.getStatus() != null) {
        return "the Kubernetes API answered "
            + k.getCode()
            + ": "
            + k.getStatus().getMessage()
            + "; retrying with back-off";
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      // The SDK's message ends with per-request ids; the code alone keeps the status stable.
      if (t instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
        return "the object store answered "
            + aws.statusCode()
            + " "
            + aws.awsErrorDetails().errorCode()
            + "; retrying with back-off";
      }
    }
    return failure.getClass().getSimpleName()
        + ": "
        + failure.getMessage()
        + "; retrying with back-off";
  }
}
