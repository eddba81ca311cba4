package dev.c8s.controller.pipelineconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.c8s.controller.ControlPlaneResource;
import dev.c8s.controller.forge.ForgeConnections;
import dev.c8s.model.schedule.ScheduleReason;
import dev.c8s.model.v1alpha1.C8s;
import dev.c8s.model.v1alpha1.Condition;
import dev.c8s.model.v1alpha1.ConditionStatus;
import dev.c8s.model.v1alpha1.GitProvider;
import dev.c8s.model.v1alpha1.Matrix;
import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PipelineSchedule;
import dev.c8s.model.v1alpha1.RepositoryConnection;
import dev.c8s.model.v1alpha1.ScheduleStatus;
import dev.c8s.testing.PublishedForgeApi;
import dev.c8s.testing.SharedControlPlane;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Scheduled runs against the real API server, the branch head read from a provider API held to its
 * published description.
 */
@QuarkusTest
@WithTestResource(ControlPlaneResource.class)
class ScheduledRunsIT {
  private static final Duration AT_MOST = Duration.ofSeconds(60);
  private static final String HEAD = "5e7d9c1b3a2f4e6d8c0b1a3f5e7d9c1b3a2f4e6d";
  private static final String BRANCH = "release/1.2";
  private final KubernetesClient client = ControlPlaneResource.admin();
  private PublishedForgeApi github;
  private String ns;

  @BeforeEach
  void connect() {
    ns = SharedControlPlane.get(true).newNamespace("sched");
    github = PublishedForgeApi.start(GitProvider.GITHUB);
    ForgeConnections.connect(client, ns, GitProvider.GITHUB, github, "app");
  }

  @AfterEach
  void stop() {
    github.close();
  }

  @Test
  void aDueTickCreatesOneRunPerCombinationAtTheBranchHeadAndNeverTwice() {
    github.script("GET", "repos/get-branch", branchAnswer(), 5);
    String cron = fiveMinutesAgo();
    edit(
        c -> {
          c.getSpec().setSchedule(schedule(cron, null));
          Matrix matrix = new Matrix();
          matrix.setDimensions(Map.of("os", List.of("linux", "mac")));
          c.getSpec().setMatrix(matrix);
        });
    Instant tick = makeTheLastTickDue();

    ScheduleStatus status = awaitCondition(ScheduleReason.RunsCreated).getStatus().getSchedule();
    List<PipelineRun> runs = scheduledRuns();

    assertThat(runs).hasSize(2);
    assertThat(runs)
        .allSatisfy(
            run -> {
              assertThat(run.getSpec().getCommit()).isEqualTo(HEAD);
              assertThat(run.getSpec().getBranch()).isEqualTo(BRANCH);
              assertThat(run.getSpec().getTriggeredBy()).isEqualTo(C8s.TRIGGERED_BY_SCHEDULE);
              assertThat(run.getSpec().getTriggeredAt()).isEqualTo(tick);
              assertThat(run.getMetadata().getAnnotations())
                  .containsEntry(C8s.ANNOTATION_SCHEDULED_AT, tick.toString());
            });
    assertThat(runs.stream().map(r -> r.getSpec().getMatrixIndex().get("os")))
        .containsExactlyInAnyOrder("linux", "mac");
    assertThat(status.getLastScheduleTime()).isEqualTo(tick);
    assertThat(status.getLastScheduledRuns())
        .containsExactlyInAnyOrderElementsOf(
            runs.stream().map(r -> r.getMetadata().getName()).toList());
    assertThat(status.getNextScheduleTime()).isEqualTo(tick.plus(Duration.ofDays(1)));

    // The same tick once more, as after a status write that was lost: no second run.
    makeTheLastTickDue();
    awaitCondition(ScheduleReason.RunsCreated);

    assertThat(scheduledRuns()).hasSize(2);
    assertThat(github.received("GET", ".*/branches/.*")).hasSize(1);
    assertThat(github.invalid()).isEmpty();
  }

  @Test
  void aTickPastItsStartingDeadlineIsSkippedWithTheReason() {
    String cron = fiveMinutesAgo();
    edit(
        c -> {
          PipelineSchedule schedule = schedule(cron, null);
          schedule.setStartingDeadlineSeconds(60L);
          c.getSpec().setSchedule(schedule);
        });
    makeTheLastTickDue();

    Condition condition = scheduledCondition(awaitCondition(ScheduleReason.MissedDeadline));

    assertThat(condition.getStatus()).isEqualTo(ConditionStatus.FALSE);
    assertThat(condition.getMessage()).contains("beyond startingDeadlineSeconds (60)");
    assertThat(scheduledRuns()).isEmpty();
    assertThat(github.received()).isEmpty();
  }

  @Test
  void aBranchTheProviderDoesNotHaveSkipsTheTickAndSaysWhatToFix() {
    github.script(
        "GET",
        "repos/get-branch",
        PublishedForgeApi.Answer.json(404, "{\"message\":\"Branch not found\"}"),
        1);
    String cron = fiveMinutesAgo();
    edit(c -> c.getSpec().setSchedule(schedule(cron, null)));
    makeTheLastTickDue();

    PipelineConfig config = awaitCondition(ScheduleReason.BranchNotFound);

    assertThat(scheduledCondition(config).getMessage())
        .contains("skipped", "no branch \"release/1.2\"", "spec.schedule.branch");
    assertThat(config.getStatus().getSchedule().getNextScheduleTime()).isAfter(Instant.now());
    assertThat(scheduledRuns()).isEmpty();
  }

  @Test
  void withoutAConnectionWithCredentialsTheConditionSaysWhatToCreate() {
    client.resources(RepositoryConnection.class).inNamespace(ns).withName("app").delete();
    await()
        .atMost(AT_MOST)
        .until(
            () ->
                client.resources(RepositoryConnection.class).inNamespace(ns).withName("app").get()
                    == null);
    String cron = fiveMinutesAgo();
    edit(c -> c.getSpec().setSchedule(schedule(cron, null)));
    makeTheLastTickDue();

    PipelineConfig config = awaitCondition(ScheduleReason.NoConnection);

    assertThat(scheduledCondition(config).getMessage())
        .contains("no RepositoryConnection in namespace " + ns, "create it");
  }

  @Test
  void anEveryMinuteScheduleStartsARunOnTheRealClock() {
    github.script("GET", "repos/get-branch", branchAnswer(), 5);
    edit(c -> c.getSpec().setSchedule(schedule("* * * * *", "Europe/Berlin")));

    PipelineConfig config =
        await()
            .atMost(Duration.ofSeconds(100))
            .until(() -> config(), c -> reason(c) == ScheduleReason.RunsCreated);

    ScheduleStatus status = config.getStatus().getSchedule();
    assertThat(status.getObserved()).isEqualTo("* * * * * (Europe/Berlin)");
    assertThat(status.getLastScheduleTime().getEpochSecond() % 60).isZero();
    assertThat(status.getNextScheduleTime())
        .isEqualTo(status.getLastScheduleTime().plusSeconds(60));
    assertThat(scheduledRuns())
        .extracting(r -> r.getMetadata().getAnnotations().get(C8s.ANNOTATION_SCHEDULED_AT))
        .doesNotHaveDuplicates()
        .contains(status.getLastScheduleTime().toString());
  }

  private static PublishedForgeApi.Answer branchAnswer() {
    return PublishedForgeApi.Answer.json(
        200,
        "{\"name\":\"" + BRANCH + "\",\"commit\":{\"sha\":\"" + HEAD + "\"},\"protected\":false}");
  }

  private static PipelineSchedule schedule(String cron, String zone) {
    PipelineSchedule schedule = new PipelineSchedule();
    schedule.setCron(cron);
    schedule.setTimeZone(zone);
    schedule.setBranch(BRANCH);
    return schedule;
  }

  /** A daily cron whose tick today was five minutes ago (UTC). */
  private static String fiveMinutesAgo() {
    ZonedDateTime at = ZonedDateTime.now(ZoneOffset.UTC).minusMinutes(5);
    return at.getMinute() + " " + at.getHour() + " * * *";
  }

  /**
   * Makes the latest tick due, as if the controller had been tracking the schedule since before it:
   * once it tracks the schedule, its next tick is set back an hour and the spec touched (a status
   * change alone starts no pass).
   */
  private Instant makeTheLastTickDue() {
    PipelineConfig tracked =
        await()
            .atMost(AT_MOST)
            .until(
                this::config,
                c ->
                    c.getStatus() != null
                        && c.getStatus().getSchedule() != null
                        && c.getStatus().getSchedule().getNextScheduleTime() != null);
    Instant next = tracked.getStatus().getSchedule().getNextScheduleTime();
    retryingConflicts(
        () ->
            resource()
                .editStatus(
                    c -> {
                      c.getStatus()
                          .getSchedule()
                          .setNextScheduleTime(next.minus(Duration.ofHours(25)));
                      c.getStatus().setConditions(null);
                      return c;
                    }));
    edit(c -> c.getSpec().setHistoryLimit(c.getSpec().getHistoryLimit() + 1));
    return next.minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MINUTES);
  }

  /** Changes the spec, again on a conflict with the controller's status writes. */
  private void edit(Consumer<PipelineConfig> change) {
    retryingConflicts(
        () ->
            resource()
                .edit(
                    c -> {
                      change.accept(c);
                      return c;
                    }));
  }

  /** Does {@code write} until it gets through the controller's concurrent status writes. */
  private static void retryingConflicts(Runnable write) {
    await()
        .atMost(AT_MOST)
        .ignoreException(KubernetesClientException.class)
        .until(
            () -> {
              write.run();
              return true;
            });
  }

  private Resource<PipelineConfig> resource() {
    return client.resources(PipelineConfig.class).inNamespace(ns).withName("app");
  }

  private PipelineConfig config() {
    return client.resources(PipelineConfig.class).inNamespace(ns).withName("app").get();
  }

  private PipelineConfig awaitCondition(ScheduleReason reason) {
    try {
      return await()
          .atMost(AT_MOST)
          .until(
              this::config,
              c ->
                  reason(c) == reason
                      && Objects.equals(
                          scheduledCondition(c).getObservedGeneration(),
                          c.getMetadata().getGeneration()));
    } catch (ConditionTimeoutException e) {
      // What the controller decided instead.
      throw new AssertionError(
          "no Scheduled="
              + reason
              + " for generation "
              + config().getMetadata().getGeneration()
              + ":\n"
              + Serialization.asYaml(config().getStatus()),
          e);
    }
  }

  private static ScheduleReason reason(PipelineConfig config) {
    Condition condition = scheduledCondition(config);
    return condition == null ? null : ScheduleReason.valueOf(condition.getReason());
  }

  private static Condition scheduledCondition(PipelineConfig config) {
    if (config.getStatus() == null || config.getStatus().getConditions() == null) {
      return null;
    }
    return config.getStatus().getConditions().stream()
        .filter(c -> ScheduleReason.CONDITION.equals(c.getType()))
        .findFirst()
        .orElse(null);
  }

  private List<PipelineRun> scheduledRuns() {
    return client.resources(PipelineRun.class).inNamespace(ns).list().getItems().stream()
        .filter(r -> r.getMetadata().getAnnotations().containsKey(C8s.ANNOTATION_SCHEDULED_AT))
        .toList();
  }
}
