package dev.c8s.webhook.delivery;

import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RepositoryConnection;
import dev.c8s.model.v1alpha1.RunNames;
import dev.c8s.model.validation.PipelineRunValidator;
import dev.c8s.model.validation.ValidationError;
import dev.c8s.model.validation.ValidationResult;
import dev.c8s.webhook.connection.PipelineConfigCache;
import dev.c8s.webhook.delivery.RunPlanner.Build;
import dev.c8s.webhook.delivery.RunPlanner.Trigger;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Turns a verified push or pull request into PipelineRuns in each namespace whose connection
 * verified it.
 */
@ApplicationScoped
public class PushProcessor {
  private static final Logger LOG = Logger.getLogger(PushProcessor.class);
  private final PipelineConfigCache configs;
  private final RunCreator creator;
  private final PullRequestTrust trust;
  private final PipelineRunValidator validator = new PipelineRunValidator();

  public PushProcessor(PipelineConfigCache configs, RunCreator creator, PullRequestTrust trust) {
    this.configs = configs;
    this.creator = creator;
    this.trust = trust;
  }

  /**
   * The runs of a pull request's head, for each connection as far as it trusts the pull request
   * ({@link PullRequestTrust}).
   *
   * @throws MalformedPayloadException when the pull request cannot form a valid run
   */
  public Result processPullRequest(
      List<RepositoryConnection> connections,
      EventMeaning.PullRequestChange change,
      String deliveryId,
      String provider,
      Instant now)
      throws MalformedPayloadException {
    Result all = new Result(List.of(), 0, List.of(), List.of(), List.of());
    for (RepositoryConnection connection : connections) {
      EventMeaning.PullRequestChange trusted = trust.check(connection, change);
      Result one =
          process(
              List.of(connection),
              List.of(Build.of(trusted)),
              trusted.author(),
              deliveryId,
              provider,
              now);
      all = all.and(one);
    }
    return all;
  }

  /**
   * What became of a push: the runs (created now or by an earlier delivery), how many were new, why
   * some connections or branches started nothing, and the runs that could not be created.
   */
  public record Result(
      List<RunRef> runs,
      int created,
      List<String> skipped,
      List<String> refused,
      List<String> unavailable) {

    /** This result and {@code other}, for deliveries handled one connection at a time. */
    Result and(Result other) {
      return new Result(
          concat(runs, other.runs),
          created + other.created,
          concat(skipped, other.skipped),
          concat(refused, other.refused),
          concat(unavailable, other.unavailable));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
      List<T> both = new ArrayList<>(a);
      both.addAll(b);
      return List.copyOf(both);
    }
  }

  /** One planned run with its fallback name for a hash clash. */
  private record Planned(PipelineRun run, PipelineRun longerNamed) {}

  /**
   * Plans every run first and checks each with the common PipelineRun rules, so a payload that
   * cannot make a valid run creates none; then creates them.
   *
   * @param builds the commits to build, all of pushes or one of a pull request
   * @param pusher who pushed or opened the pull request, or null
   * @throws MalformedPayloadException when the pushed values cannot form a valid run
   */
  public Result process(
      List<RepositoryConnection> connections,
      List<Build> builds,
      String pusher,
      String deliveryId,
      String provider,
      Instant now)
      throws MalformedPayloadException {
    return process(connections, builds, pusher, deliveryId, provider, now, run -> {});
  }

  /**
   * As {@link #process(List, List, String, String, String, Instant)}, with {@code adjust} applied
   * to every planned run after the connection's fork policy (a command's approval).
   */
  public Result process(
      List<RepositoryConnection> connections,
      List<Build> builds,
      String pusher,
      String deliveryId,
      String provider,
      Instant now,
      Consumer<PipelineRun> adjust)
      throws MalformedPayloadException {
    List<String> skipped = new ArrayList<>();
    Map<String, Planned> planned = new LinkedHashMap<>();
    for (RepositoryConnection connection : connections) {
      String namespace = connection.getMetadata().getNamespace();
      String where = namespace + "/" + connection.getMetadata().getName();
      String ref = connection.getSpec().getPipelineConfigRef();
      if (ref == null || ref.isBlank()) {
        skipped.add("RepositoryConnection " + where + " names no pipelineConfigRef");
        continue;
      }
      PipelineConfig config = configs.get(namespace, ref);
      if (config == null || config.getSpec() == null) {
        skipped.add("PipelineConfig " + namespace + "/" + ref + " does not exist");
        continue;
      }
      Trigger trigger =
          new Trigger(deliveryId, provider, connection.getMetadata().getName(), pusher, now);
      for (Build build : builds) {
        String refused =
            build.pullRequest() == null
                ? null
                : ForkSafety.refusal(connection, build.pullRequest());
        if (refused != null) {
          skipped.add(refused);
          continue;
        }
        if (!RunPlanner.branchMatches(config, build.filterBranch())) {
          skipped.add(
              (build.pullRequest() == null ? "branch " : "base branch ")
                  + build.filterBranch()
                  + " does not match spec.branches of PipelineConfig "
                  + namespace
                  + "/"
                  + ref);
          continue;
        }
        List<PipelineRun> runs = RunPlanner.runs(config, build, trigger, RunNames.HASH_LENGTH);
        List<PipelineRun> longer =
            RunPlanner.runs(config, build, trigger, RunNames.LONG_HASH_LENGTH);
        for (int i = 0; i < runs.size(); i++) {
          ForkSafety.apply(connection, runs.get(i));
          ForkSafety.apply(connection, longer.get(i));
          adjust.accept(runs.get(i));
          adjust.accept(longer.get(i));
          // Two connections in one namespace may start the same config: plan its runs once.
          PipelineRun run = runs.get(i);
          planned.putIfAbsent(
              run.getMetadata().getNamespace() + "/" + run.getMetadata().getName(),
              new Planned(run, longer.get(i)));
        }
      }
    }
    for (Planned p : planned.values()) {
      ValidationResult result = validator.validate(p.run());
      if (!result.isValid()) {
        throw new MalformedPayloadException(
            "the push cannot become a valid PipelineRun: "
                + result.errors().stream()
                    .map(ValidationError::toString)
                    .collect(Collectors.joining("; ")));
      }
    }
    return create(List.copyOf(planned.values()), skipped);
  }

  private Result create(List<Planned> planned, List<String> skipped) {
    List<RunRef> runs = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    List<String> unavailable = new ArrayList<>();
    int created = 0;
    for (Planned p : planned) {
      String name = p.run().getMetadata().getNamespace() + "/" + p.run().getMetadata().getName();
      try {
        RunCreator.Outcome outcome = creator.create(p.run(), p.longerNamed());
        runs.add(RunRef.of(outcome.run()));
        created += outcome.created() ? 1 : 0;
      } catch (KubernetesClientException e) {
        String why = "PipelineRun " + name + ": " + describe(e);
        LOG.warnf("could not create %s", why);
        if (e.getCode() >= 400 && e.getCode() < 500) {
          refused.add(why);
        } else {
          unavailable.add(why);
        }
      }
    }
    return new Result(runs, created, skipped, refused, unavailable);
  }

  private static String describe(KubernetesClientException e) {
    if (e.getStatus() != null && e.getStatus().getMessage() != null) {
      return e.getStatus().getMessage();
    }
    return e.getMessage();
  }
}
