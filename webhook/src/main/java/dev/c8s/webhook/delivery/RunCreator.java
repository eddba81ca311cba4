package dev.c8s.webhook.delivery;

import dev.c8s.model.kubernetes.ApiAnswers;
import dev.c8s.model.v1alpha1.PipelineRun;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.HttpURLConnection;
import org.jboss.logging.Logger;

/** Creates a planned run unless the same delivery already created it. */
@ApplicationScoped
public class RunCreator {
  private static final Logger LOG = Logger.getLogger(RunCreator.class);
  private final KubernetesClient client;

  public RunCreator(KubernetesClient client) {
    this.client = client;
  }

  /** A run of the delivery, and whether this call created it (false: a redelivery found it). */
  public record Outcome(PipelineRun run, boolean created) {}

  /**
   * Creates {@code run}. A name that exists already is the run of an earlier delivery of the same
   * event, which counts as done; if it belongs to something else (a hash clash), {@code
   * longerNamed} (the same run with a longer hash) is created instead.
   *
   * @throws KubernetesClientException when the API server refuses or cannot be reached
   */
  public Outcome create(PipelineRun run, PipelineRun longerNamed) {
    Outcome outcome = createOrFind(run);
    if (outcome != null) {
      return outcome;
    }
    LOG.warnf(
        "run name %s/%s is taken by another run; using %s",
        run.getMetadata().getNamespace(),
        run.getMetadata().getName(),
        longerNamed.getMetadata().getName());
    outcome = createOrFind(longerNamed);
    if (outcome == null) {
      throw new KubernetesClientException(
          "PipelineRun names "
              + run.getMetadata().getName()
              + " and "
              + longerNamed.getMetadata().getName()
              + " are both taken by other runs",
          HttpURLConnection.HTTP_CONFLICT,
          null);
    }
    return outcome;
  }

  /** The outcome, or null when the name is taken by a different run. */
  private Outcome createOrFind(PipelineRun run) {
    try {
      return new Outcome(client.resource(run).create(), true);
    } catch (KubernetesClientException e) {
      // Only AlreadyExists means the name is taken; another 409 created nothing and is the
      // delivery's to fail (the provider redelivers).
      if (!ApiAnswers.alreadyExists(e)) {
        throw e;
      }
    }
    PipelineRun existing =
        client
            .resources(PipelineRun.class)
            .inNamespace(run.getMetadata().getNamespace())
            .withName(run.getMetadata().getName())
            .get();
    if (existing == null) {
      // Deleted between our create and get: create once more, and let a second clash fail.
      return new Outcome(client.resource(run).create(), true);
    }
    return RunPlanner.sameRun(existing, run) ? new Outcome(existing, false) : null;
  }
}
