package dev.c8s.webhook.delivery;

import dev.c8s.model.v1alpha1.C8s;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RepositoryConnection;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The runs a connection started for one pull request (by the {@code c8s.dev/pull-request} label and
 * the connection's annotation: numbers repeat across repositories), cancelled or approved as a
 * comment asks.
 */
@ApplicationScoped
public class PullRequestRuns {
  private final KubernetesClient client;

  public PullRequestRuns(KubernetesClient client) {
    this.client = client;
  }

  /** Asks every run of the pull request that has not ended to stop; returns those asked. */
  public List<RunRef> cancel(RepositoryConnection connection, long number) {
    return of(connection, number).stream()
        .filter(run -> !ended(run) && !Boolean.TRUE.equals(run.getSpec().getCancelRequested()))
        .map(run -> patch(run, "{\"spec\":{\"cancelRequested\":true}}"))
        .toList();
  }

  /**
   * Approves, in {@code user}'s name, the held runs of the pull request's {@code head} that existed
   * when the approval was written ({@code writtenAt}): a run created after it is of a commit nobody
   * looked at.
   */
  public List<RunRef> approve(
      RepositoryConnection connection, long number, String head, String user, Instant writtenAt) {
    String approval =
        client.getKubernetesSerialization().asJson(Map.of("spec", Map.of("approvedBy", user)));
    return of(connection, number).stream()
        .filter(run -> head.equals(run.getSpec().getCommit()))
        .filter(run -> createdBy(run, writtenAt))
        .filter(run -> !ended(run) && run.getSpec().awaitsApproval())
        .map(run -> patch(run, approval))
        .toList();
  }

  /** Whether some run of {@code head} was started with its secrets (approved or trusted). */
  public boolean headRanWithSecrets(RepositoryConnection connection, long number, String head) {
    return of(connection, number).stream()
        .anyMatch(
            run ->
                head.equals(run.getSpec().getCommit())
                    && !run.getSpec().secretsWithheld()
                    && !run.getSpec().awaitsApproval());
  }

  /** Whether a run of {@code head} existed when the approval was written. */
  public boolean headSeenBefore(
      RepositoryConnection connection, long number, String head, Instant writtenAt) {
    return of(connection, number).stream()
        .anyMatch(run -> head.equals(run.getSpec().getCommit()) && createdBy(run, writtenAt));
  }

  private static boolean createdBy(PipelineRun run, Instant writtenAt) {
    String created = run.getMetadata().getCreationTimestamp();
    // Kubernetes stores whole seconds: a run created in the comment's second counts.
    return created != null
        && !Instant.parse(created).isAfter(writtenAt.truncatedTo(ChronoUnit.SECONDS));
  }

  private List<PipelineRun> of(RepositoryConnection connection, long number) {
    String name = connection.getMetadata().getName();
    return client
        .resources(PipelineRun.class)
        .inNamespace(connection.getMetadata().getNamespace())
        .withLabel(C8s.LABEL_PULL_REQUEST, String.valueOf(number))
        .list()
        .getItems()
        .stream()
        .filter(run -> run.getSpec() != null && run.getMetadata().getAnnotations() != null)
        .filter(
            run ->
                name.equals(
                    run.getMetadata().getAnnotations().get(RunPlanner.CONNECTION_ANNOTATION)))
        .toList();
  }

  private static boolean ended(PipelineRun run) {
    return run.getStatus() != null
        && run.getStatus().getPhase() != null
        && run.getStatus().getPhase().isTerminal();
  }

  /**
   * A merge patch without resourceVersion, as kubectl sends: the controller's writes race none.
   * Patched through the listed run, not by name: by name alone fabric8 GETs the run first.
   */
  private RunRef patch(PipelineRun run, String patch) {
    return RunRef.of(client.resource(run).patch(PatchContext.of(PatchType.JSON_MERGE), patch));
  }
}
