package dev.c8s.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.model.v1alpha1.C8s;
import dev.c8s.model.v1alpha1.Matrix;
import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineConfigSpec;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PullRequest;
import dev.c8s.webhook.delivery.EventMeaning.BranchPush;
import dev.c8s.webhook.delivery.EventMeaning.PullRequestChange;
import dev.c8s.webhook.delivery.RunPlanner.Build;
import dev.c8s.webhook.delivery.RunPlanner.Trigger;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Which runs a push or pull request plans, and their deterministic names. */
class RunPlannerTest {
  private static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
  private static final Build PUSH =
      Build.of(new BranchPush("main", "0d1a26e67d8f5eaf1f6ba5c57fc3c7d9"));
  private static final Trigger TRIGGER =
      new Trigger("d-1", "github", "conn", "octocat", Instant.parse("2026-01-02T03:04:05Z"));

  private static PipelineConfig config(String name, List<String> branches, Matrix matrix) {
    PipelineConfig config = new PipelineConfig();
    config.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("team-a").build());
    PipelineConfigSpec spec = new PipelineConfigSpec();
    spec.setRepository("https://github.com/org/app");
    spec.setBranches(branches);
    spec.setMatrix(matrix);
    config.setSpec(spec);
    return config;
  }

  @Test
  void oneRunCarriesCommitBranchPusherTimeLabelsAndDelivery() {
    PipelineRun run = RunPlanner.runs(config("app-ci", null, null), PUSH, TRIGGER, 10).get(0);
    assertThat(run.getMetadata().getName()).matches("app-ci-[0-9a-f]{10}");
    assertThat(run.getMetadata().getNamespace()).isEqualTo("team-a");
    assertThat(run.getMetadata().getLabels())
        .containsEntry(C8s.LABEL_PIPELINE_CONFIG, "app-ci")
        .containsEntry(C8s.LABEL_MANAGED_BY, "c8s");
    assertThat(run.getMetadata().getAnnotations())
        .containsEntry(RunPlanner.DELIVERY_ANNOTATION, "d-1")
        .containsEntry(RunPlanner.PROVIDER_ANNOTATION, "github")
        .containsEntry(RunPlanner.CONNECTION_ANNOTATION, "conn");
    assertThat(run.getSpec().getPipelineConfigRef()).isEqualTo("app-ci");
    assertThat(run.getSpec().getCommit()).isEqualTo(PUSH.commit());
    assertThat(run.getSpec().getBranch()).isEqualTo("main");
    assertThat(run.getSpec().getTriggeredBy()).isEqualTo("octocat");
    assertThat(run.getSpec().getTriggeredAt()).isEqualTo(TRIGGER.at());
    assertThat(run.getSpec().getMatrixIndex()).isNull();
  }

  @Test
  void namesAreTheSameForTheSameDeliveryAndDifferOtherwise() {
    PipelineConfig config = config("app-ci", null, null);
    String first = RunPlanner.runs(config, PUSH, TRIGGER, 10).get(0).getMetadata().getName();
    String again = RunPlanner.runs(config, PUSH, TRIGGER, 10).get(0).getMetadata().getName();
    Trigger other = new Trigger("d-2", "github", "conn", "octocat", Instant.now());
    String next = RunPlanner.runs(config, PUSH, other, 10).get(0).getMetadata().getName();
    assertThat(again).isEqualTo(first);
    assertThat(next).isNotEqualTo(first);
    assertThat(RunPlanner.runs(config, PUSH, TRIGGER, 20).get(0).getMetadata().getName())
        .hasSize("app-ci-".length() + 20);
  }

  @Test
  void matrixGivesOneDistinctlyNamedRunPerCombination() {
    Matrix matrix = new Matrix();
    matrix.setDimensions(Map.of("go", List.of("1.21", "1.22"), "os", List.of("linux", "darwin")));
    matrix.setExclude(List.of(Map.of("go", "1.21", "os", "darwin")));
    List<PipelineRun> runs = RunPlanner.runs(config("app-ci", null, matrix), PUSH, TRIGGER, 10);
    assertThat(runs).hasSize(3);
    assertThat(runs)
        .extracting(r -> r.getSpec().getMatrixIndex())
        .containsExactlyInAnyOrder(
            Map.of("go", "1.21", "os", "linux"),
            Map.of("go", "1.22", "os", "linux"),
            Map.of("go", "1.22", "os", "darwin"));
    Set<String> names =
        runs.stream().map(r -> r.getMetadata().getName()).collect(Collectors.toSet());
    assertThat(names).hasSize(3);
  }

  @Test
  void longAndDottedConfigNamesStillGiveDnsLabels() {
    String longName =
        "a.very-long.pipeline-config-name-that-goes-on-and-on-and-on-beyond-sixty-three";
    PipelineRun run = RunPlanner.runs(config(longName, null, null), PUSH, TRIGGER, 20).get(0);
    assertThat(run.getMetadata().getName()).hasSizeLessThanOrEqualTo(63).matches(DNS_LABEL);
    assertThat(run.getMetadata().getLabels().get(C8s.LABEL_PIPELINE_CONFIG))
        .hasSizeLessThanOrEqualTo(63);
  }

  @Test
  void branchFiltersUseBranchGlobsWithEverythingByDefault() {
    assertThat(RunPlanner.branchMatches(config("c", null, null), "feature/x/y")).isTrue();
    PipelineConfig filtered = config("c", List.of("main", "release/*"), null);
    assertThat(RunPlanner.branchMatches(filtered, "main")).isTrue();
    assertThat(RunPlanner.branchMatches(filtered, "release/1.2/hotfix")).isTrue();
    assertThat(RunPlanner.branchMatches(filtered, "mainline")).isFalse();
    assertThat(RunPlanner.branchMatches(config("c", List.of(), null), "main")).isFalse();
  }

  @Test
  void aClashingRunOfAnotherDeliveryIsNotTheSameRun() {
    PipelineConfig config = config("app-ci", null, null);
    PipelineRun planned = RunPlanner.runs(config, PUSH, TRIGGER, 10).get(0);
    PipelineRun again = RunPlanner.runs(config, PUSH, TRIGGER, 10).get(0);
    Trigger other = new Trigger("d-2", "github", "conn", "octocat", Instant.now());
    PipelineRun clash = RunPlanner.runs(config, PUSH, other, 10).get(0);
    assertThat(RunPlanner.sameRun(again, planned)).isTrue();
    assertThat(RunPlanner.sameRun(clash, planned)).isFalse();
  }

  private static Build pullRequest(long number, String head, boolean fork, String commit) {
    PullRequest pr = new PullRequest();
    pr.setNumber(number);
    pr.setBaseBranch("main");
    pr.setHeadBranch(head);
    pr.setFork(fork);
    return Build.of(new PullRequestChange(pr, commit, "octocat"));
  }

  @Test
  void aPullRequestRunRecordsThePullRequestIsLabelledAndFiltersOnTheBaseBranch() {
    Build build =
        pullRequest(7, "feature/login", false, "ec26c3e57ca3a959ca5aad62de7213c562f8c821");
    PipelineRun run = RunPlanner.runs(config("app-ci", null, null), build, TRIGGER, 10).get(0);

    assertThat(build.filterBranch()).isEqualTo("main");
    assertThat(run.getSpec().getBranch()).isEqualTo("feature/login");
    assertThat(run.getSpec().getCommit()).isEqualTo("ec26c3e57ca3a959ca5aad62de7213c562f8c821");
    assertThat(run.getSpec().getPullRequest().getNumber()).isEqualTo(7L);
    assertThat(run.getMetadata().getLabels()).containsEntry(C8s.LABEL_PULL_REQUEST, "7");
  }

  @Test
  void aForksHeadBranchIsNotABranchOfTheRepositorySoTheRunHasNone() {
    // Else a fork's branch named main would match steps conditioned on branch main.
    Build build = pullRequest(8, "main", true, "ec26c3e57ca3a959ca5aad62de7213c562f8c821");
    PipelineRun run = RunPlanner.runs(config("app-ci", null, null), build, TRIGGER, 10).get(0);

    assertThat(run.getSpec().getBranch()).isNull();
    assertThat(run.getSpec().getPullRequest().getHeadBranch()).isEqualTo("main");
  }

  @Test
  void anotherDeliveryForTheSameHeadOfAPullRequestIsTheSameRun() {
    PipelineConfig config = config("app-ci", null, null);
    Build build =
        pullRequest(7, "feature/login", false, "ec26c3e57ca3a959ca5aad62de7213c562f8c821");
    Trigger other = new Trigger("d-2", "github", "conn", "octocat", Instant.now());
    PipelineRun first = RunPlanner.runs(config, build, TRIGGER, 10).get(0);
    PipelineRun redelivered = RunPlanner.runs(config, build, other, 10).get(0);
    Build newHead =
        pullRequest(7, "feature/login", false, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    PipelineRun next = RunPlanner.runs(config, newHead, other, 10).get(0);

    assertThat(redelivered.getMetadata().getName()).isEqualTo(first.getMetadata().getName());
    assertThat(RunPlanner.sameRun(first, redelivered)).isTrue();
    assertThat(next.getMetadata().getName()).isNotEqualTo(first.getMetadata().getName());
    assertThat(RunPlanner.sameRun(first, next)).isFalse();
  }
}
