package dev.c8s.api.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.api.testing.Fixtures;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RunPhase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Filtered run lists against a real kube-apiserver give the same runs whether Kubernetes selects
 * them by field (Kubernetes >= 1.31) or the api-server scans label-selected pages (older clusters).
 */
class RunListsIT {
  private static final ListSettings SMALL_SCANS =
      new ListSettings() {
        @Override
        public int scanPageSize() {
          return 7;
        }

        @Override
        public int scanBudget() {
          return 5000;
        }
      };

  private static String ns;

  @BeforeAll
  static void runs() {
    ns = Fixtures.namespace("lists");
    for (int i = 0; i < 24; i++) {
      RunPhase phase = i % 4 == 0 ? null : i % 3 == 0 ? RunPhase.Failed : RunPhase.Running;
      String branch = i % 2 == 0 ? "main" : "fix,1=2";
      Fixtures.run(ns, String.format("web-%02d", i), i < 20 ? "webapp" : "api", branch, phase);
    }
  }

  @Test
  void byFieldAndByScanTheSameRunsAreListedForEveryFilter() {
    List<RunFilter> filters =
        List.of(
            new RunFilter(null, null, null),
            new RunFilter("webapp", null, null),
            new RunFilter(null, RunPhase.Pending, null),
            new RunFilter(null, RunPhase.Failed, "fix,1=2"),
            new RunFilter("webapp", RunPhase.Running, "main"),
            new RunFilter("api", RunPhase.Succeeded, null));
    for (RunFilter filter : filters) {
      List<String> byField =
          all(new PipelineRuns(Fixtures.kube(), SMALL_SCANS, () -> true), filter);
      List<String> byScan =
          all(new PipelineRuns(Fixtures.kube(), SMALL_SCANS, () -> false), filter);
      assertThat(byField).as(filter.toString()).isEqualTo(byScan).doesNotHaveDuplicates();
    }
  }

  @Test
  void byFieldEveryPageButTheLastIsFull() {
    PipelineRuns runs = new PipelineRuns(Fixtures.kube(), SMALL_SCANS, () -> true);
    Page<PipelineRun> first =
        runs.list(ns, new RunFilter("webapp", RunPhase.Running, null), 3, null);
    assertThat(first.items()).hasSize(3);
    assertThat(first.continueToken()).isNotNull();
  }

  @Test
  void pendingRunsAreTheRunsWithoutAPhase() {
    PipelineRuns runs = new PipelineRuns(Fixtures.kube(), SMALL_SCANS, () -> true);
    assertThat(all(runs, new RunFilter(null, RunPhase.Pending, null)))
        .containsExactly("web-00", "web-04", "web-08", "web-12", "web-16", "web-20");
  }

  private static List<String> all(PipelineRuns runs, RunFilter filter) {
    List<String> names = new ArrayList<>();
    String token = null;
    do {
      Page<PipelineRun> page = runs.list(ns, filter, 2, token);
      page.items().forEach(r -> names.add(r.getMetadata().getName()));
      token = page.continueToken();
    } while (token != null);
    return names;
  }
}
