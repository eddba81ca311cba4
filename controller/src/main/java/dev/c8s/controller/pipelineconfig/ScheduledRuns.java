package dev.c8s.controller.pipelineconfig;

import dev.c8s.controller.forge.BranchHead;
import dev.c8s.controller.forge.BranchHeads;
import dev.c8s.controller.repository.RepositoryConnections;
import dev.c8s.model.engine.MatrixExpansion;
import dev.c8s.model.schedule.ScheduleReason;
import dev.c8s.model.v1alpha1.C8s;
import dev.c8s.model.v1alpha1.NewRun;
import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PipelineSchedule;
import dev.c8s.model.v1alpha1.RepositoryConnection;
import dev.c8s.model.v1alpha1.RunNames;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Creates the runs of one tick of a PipelineConfig's schedule, one per matrix combination, named by
 * the tick so that no retry, restart or second controller ever creates them twice.
 */
@ApplicationScoped
public class ScheduledRuns {
  private static final Logger LOG = Logger.getLogger(ScheduledRuns.class);

  /**
   * What creating a tick's runs came to.
   *
   * @param reason {@link ScheduleReason#RunsCreated}, or why not
   * @param message what happened, or what a person must fix
   * @param runs the runs of the tick, when created
   */
  public record Outcome(ScheduleReason reason, String message, List<String> runs) {
    /** Whether the same tick should be tried again: nothing a person must fix stands in the way. */
    public boolean retry() {
      return reason == ScheduleReason.Retrying;
    }
  }

  private final KubernetesClient client;
  private final BranchHeads heads;

  ScheduledRuns(KubernetesClient client, BranchHeads heads) {
    this.client = client;
    this.heads = heads;
  }

  /**
   * Creates the runs of {@code config}'s tick at {@code tick} that {@code exists} does not know of
   * yet, building the head of the schedule's branch as the provider reports it now.
   */
  public Outcome create(PipelineConfig config, Instant tick, Predicate<String> exists) {
    String namespace = config.getMetadata().getNamespace();
    String name = config.getMetadata().getName();
    PipelineSchedule schedule = config.getSpec().getSchedule();
    List<Map<String, String>> combinations =
        MatrixExpansion.combinations(config.getSpec().getMatrix());
    List<String> names = combinations.stream().map(c -> RunNames.scheduled(name, tick, c)).toList();
    if (names.stream().allMatch(exists)) {
      return created(tick, schedule, names, null);
    }
    List<RepositoryConnection> connections;
    try {
      connections =
          client.resources(RepositoryConnection.class).inNamespace(namespace).list().getItems();
    } catch (KubernetesClientException e) {
      return unavailable("listing the RepositoryConnections of namespace " + namespace, e);
    }
    Optional<RepositoryConnection> connection =
        RepositoryConnections.withCredentials(connections, config.getSpec().getRepository());
    if (connection.isEmpty()) {
      return new Outcome(
          ScheduleReason.NoConnection,
          "no RepositoryConnection in namespace "
              + namespace
              + " names credentials (authSecretRef) for "
              + config.getSpec().getRepository()
              + "; a scheduled run reads the head of branch \""
              + schedule.getBranch()
              + "\" through one: create it",
          List.of());
    }
    BranchHead head;
    try {
      head = heads.of(connection.get(), schedule.getBranch());
    } catch (KubernetesClientException e) {
      return unavailable("reading the connection's Secret", e);
    }
    return switch (head) {
      case BranchHead.Refused refused ->
          new Outcome(refused.reason(), refused.message(), List.of());
      case BranchHead.Unavailable down ->
          new Outcome(ScheduleReason.Retrying, down.message() + "; trying again", List.of());
      case BranchHead.Found found -> createAll(config, tick, combinations, names, found.commit());
    };
  }

  private Outcome createAll(
      PipelineConfig config,
      Instant tick,
      List<Map<String, String>> combinations,
      List<String> names,
      String commit) {
    PipelineSchedule schedule = config.getSpec().getSchedule();
    List<String> created = new ArrayList<>();
    for (int i = 0; i < combinations.size(); i++) {
      PipelineRun run =
          new NewRun(
                  config.getMetadata().getNamespace(),
                  config.getMetadata().getName(),
                  commit,
                  schedule.getBranch(),
                  C8s.TRIGGERED_BY_SCHEDULE,
                  tick,
                  combinations.get(i))
              .build();
      run.getMetadata().setName(names.get(i));
      run.getMetadata().getAnnotations().put(C8s.ANNOTATION_SCHEDULED_AT, tick.toString());
      try {
        client.resource(run).create();
        created.add(names.get(i));
      } catch (KubernetesClientException e) {
        // 409: created already, by an earlier attempt whose status write was lost.
        if (e.getCode() != 409) {
          return unavailable("creating PipelineRun " + names.get(i), e);
        }
      }
    }
    LOG.infof(
        "created %d scheduled PipelineRun(s) of %s/%s for %s at %s",
        created.size(),
        config.getMetadata().getNamespace(),
        config.getMetadata().getName(),
        tick,
        commit);
    return created(tick, schedule, names, commit);
  }

  /** The API server failed {@code doing}: the tick stays due and is tried again. */
  private static Outcome unavailable(String doing, KubernetesClientException e) {
    return new Outcome(
        ScheduleReason.Retrying,
        doing + " failed (" + e.getCode() + ": " + e.getMessage() + "); trying again",
        List.of());
  }

  private static Outcome created(
      Instant tick, PipelineSchedule schedule, List<String> names, String commit) {
    return new Outcome(
        ScheduleReason.RunsCreated,
        "created "
            + names.size()
            + " run(s) for the tick at "
            + tick
            + " of branch \""
            + schedule.getBranch()
            + "\""
            + (commit == null ? "" : " at " + commit),
        names);
  }
}
