package dev.c8s.webhook.admission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.c8s.model.v1alpha1.C8s;
import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RepositoryConnection;
import dev.c8s.model.validation.ClusterLookup;
import dev.c8s.model.validation.ClusterRules;
import dev.c8s.model.validation.PipelineConfigValidator;
import dev.c8s.model.validation.PipelineRunValidator;
import dev.c8s.model.validation.RepositoryConnectionValidator;
import dev.c8s.model.validation.ValidationResult;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.Function;
import org.jboss.logging.Logger;

/** Decides an admission request with the common-model rules and the cluster rules. */
@ApplicationScoped
public class AdmissionReviewer {
  private static final Logger LOG = Logger.getLogger(AdmissionReviewer.class);
  private final ClusterRules clusterRules;
  private final PipelineConfigValidator configs = new PipelineConfigValidator();
  private final PipelineRunValidator runs = new PipelineRunValidator();
  private final RepositoryConnectionValidator connections = new RepositoryConnectionValidator();

  public AdmissionReviewer(ClusterLookup cluster) {
    this.clusterRules = new ClusterRules(cluster);
  }

  /**
   * The decision on {@code operation} of a {@code kind} in {@code namespace}. Deletes, connects and
   * kinds that are not c8s's are allowed: this webhook only guards what c8s stores.
   */
  public AdmissionDecision review(
      String group,
      String kind,
      String operation,
      String namespace,
      JsonNode object,
      JsonNode oldObject) {
    boolean writes = operation.equals("CREATE") || operation.equals("UPDATE");
    if (!C8s.GROUP.equals(group) || !writes) {
      return AdmissionDecision.allow();
    }
    try {
      return switch (kind) {
        case "PipelineConfig" ->
            read(
                object,
                PipelineConfig.class,
                c -> configs.validate(c).and(clusterRules.validate(namespace, c)));
        case "PipelineRun" -> run(operation, namespace, object, oldObject);
        case "RepositoryConnection" ->
            read(
                object,
                RepositoryConnection.class,
                c -> connections.validate(c).and(clusterRules.validate(namespace, c)));
        default -> AdmissionDecision.allow();
      };
    } catch (KubernetesClientException e) {
      LOG.warnf("admission of %s in %s could not read the cluster: %s", kind, namespace, e);
      return AdmissionDecision.unavailable(
          "c8s could not check the " + kind + " against the cluster: " + e.getMessage());
    }
  }

  private AdmissionDecision run(
      String operation, String namespace, JsonNode object, JsonNode oldObject) {
    if (operation.equals("CREATE")) {
      return read(
          object,
          PipelineRun.class,
          r -> runs.validate(r).and(clusterRules.validateCreate(namespace, r)));
    }
    AdmissionObjects.Read<PipelineRun> old = AdmissionObjects.read(oldObject, PipelineRun.class);
    if (old.error() != null) {
      // The stored run cannot be read: judge the new one alone rather than lock it forever.
      return read(object, PipelineRun.class, runs::validate);
    }
    return read(
        object, PipelineRun.class, r -> runs.validate(r).and(runs.validateUpdate(old.object(), r)));
  }

  private static <T> AdmissionDecision read(
      JsonNode object, Class<T> type, Function<T, ValidationResult> validation) {
    AdmissionObjects.Read<T> read = AdmissionObjects.read(object, type);
    if (read.error() != null) {
      return AdmissionDecision.of(new ValidationResult(List.of(read.error()), List.of()));
    }
    return AdmissionDecision.of(validation.apply(read.object()));
  }
}
