package dev.c8s.model.kubernetes;

import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RunFields;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * Whether the cluster selects PipelineRuns by {@link RunFields}: it needs Kubernetes >= 1.31 and
 * the CRD of this release (Helm never upgrades CRDs, so a cluster may run an older one). Asked of
 * the API server once, with a list it answers from its watch cache and that matches nothing.
 */
public final class RunFieldSupport implements BooleanSupplier {
  private static final Logger LOG = Logger.getLogger(RunFieldSupport.class.getName());
  private static final int BAD_REQUEST = 400;
  // Matches no run: the probe costs the API server no objects, however many runs are stored.
  private static final String PROBE = RunFields.equalTo(RunFields.PHASE, "c8s-probe");

  private final KubernetesClient client;
  private volatile Boolean answer;

  public RunFieldSupport(KubernetesClient client) {
    this.client = client;
  }

  /**
   * True once the API server has accepted a field selector on runs; false when it refused one as
   * unsupported (400), and for now when it could not be asked: labels, the fallback, always work.
   */
  @Override
  public boolean getAsBoolean() {
    Boolean known = answer;
    if (known != null) {
      return known;
    }
    try {
      client
          .resources(PipelineRun.class)
          .inAnyNamespace()
          .list(
              new ListOptionsBuilder()
                  .withFieldSelector(PROBE)
                  .withResourceVersion("0")
                  .withLimit(1L)
                  .build());
      answer = true;
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() != BAD_REQUEST) {
        LOG.warning(
            "could not ask the API server whether it selects runs by field ("
                + e.getMessage()
                + "); using labels until it answers");
        return false;
      }
      LOG.info(
          "the API server cannot select PipelineRuns by field (Kubernetes < 1.31, or the CRD of an"
              + " older release: apply charts/c8s/crds/ to upgrade it); using the c8s.dev/phase"
              + " label");
      answer = false;
      return false;
    }
  }
}
