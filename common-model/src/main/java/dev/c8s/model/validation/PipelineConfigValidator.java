package dev.c8s.model.validation;

import dev.c8s.model.engine.StepDefaults;
import dev.c8s.model.v1alpha1.Concurrency;
import dev.c8s.model.v1alpha1.Durations;
import dev.c8s.model.v1alpha1.Kueue;
import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineConfigSpec;
import dev.c8s.model.v1alpha1.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Validates a PipelineConfig on its own, without the cluster, reporting every problem at once. */
public final class PipelineConfigValidator {

  /** Validates {@code config}; field paths start at {@code spec}. */
  public ValidationResult validate(PipelineConfig config) {
    Problems problems = new Problems();
    if (config == null || config.getSpec() == null) {
      problems.error(
          "spec",
          "spec is required; give the PipelineConfig a spec with repository and steps",
          "object with repository and steps",
          null);
      return problems.result();
    }
    validate(problems, "spec", config.getSpec());
    return problems.result();
  }

  /**
   * Validates a pipeline spec found at {@code path}, such as the snapshot a run keeps at {@code
   * status.pipelineSpec}.
   */
  public ValidationResult validate(PipelineConfigSpec spec, String path) {
    Problems problems = new Problems();
    if (spec == null) {
      problems.error(
          path, "the pipeline spec is missing", "object with repository and steps", null);
    } else {
      validate(problems, path, spec);
    }
    return problems.result();
  }

  private static void validate(Problems problems, String path, PipelineConfigSpec spec) {
    GitUrls.check(problems, path + ".repository", spec.getRepository());
    branches(problems, path + ".branches", spec.getBranches());
    List<Step> steps = spec.getSteps();
    if (steps == null || steps.isEmpty()) {
      problems.error(
          path + ".steps",
          "the pipeline has no steps; add at least one step with name, image and commands",
          "list of at least one step",
          null);
    } else {
      for (int i = 0; i < steps.size(); i++) {
        String at = FieldPaths.index(path + ".steps", i);
        if (steps.get(i) == null) {
          problems.error(at, "step is empty; give it name, image and commands, or remove it");
        } else {
          StepValidator.validate(problems, at, steps.get(i));
        }
      }
      DependencyValidator.validate(problems, path + ".steps", steps);
    }
    Optional<Duration> timeout =
        FieldChecks.duration(problems, path + ".timeout", spec.getTimeout(), "pipeline timeout");
    MatrixValidator.validate(problems, path, spec);
    historyLimit(problems, path + ".historyLimit", spec.getHistoryLimit());
    ScheduleValidator.validate(problems, path + ".schedule", spec.getSchedule());
    concurrency(problems, path + ".concurrency", spec.getConcurrency());
    kueue(problems, path + ".kueue", spec.getKueue());
    if (steps != null && (spec.getTimeout() == null || timeout.isPresent())) {
      totalTimeout(
          problems, path + ".timeout", steps, timeout.orElse(StepDefaults.PIPELINE_TIMEOUT));
    }
  }

  private static void historyLimit(Problems problems, String path, Integer limit) {
    if (limit != null && (limit < 1 || limit > PipelineConfigSpec.HISTORY_LIMIT_MAX)) {
      problems.error(
          path,
          "historyLimit must keep between 1 and "
              + PipelineConfigSpec.HISTORY_LIMIT_MAX
              + " finished runs; remove it to keep the default "
              + PipelineConfigSpec.HISTORY_LIMIT_DEFAULT,
          "integer from 1 to " + PipelineConfigSpec.HISTORY_LIMIT_MAX,
          limit);
    }
  }

  private static void kueue(Problems problems, String path, Kueue kueue) {
    if (kueue == null) {
      return;
    }
    String queue = kueue.getQueueName();
    if (Texts.isBlank(queue) || !Names.isDnsSubdomain(queue)) {
      problems.error(
          path + ".queueName",
          "kueue.queueName must name a Kueue LocalQueue of this namespace (a DNS-1123 name such as"
              + " team-ci); remove kueue to run steps without Kueue",
          "DNS-1123 name",
          queue);
    }
  }

  private static void concurrency(Problems problems, String path, Concurrency concurrency) {
    Integer limit = concurrency == null ? null : concurrency.getLimit();
    if (limit != null && (limit < 1 || limit > Concurrency.LIMIT_MAX)) {
      problems.error(
          path + ".limit",
          "concurrency.limit must allow between 1 and "
              + Concurrency.LIMIT_MAX
              + " runs at once; remove it to allow one",
          "integer from 1 to " + Concurrency.LIMIT_MAX,
          limit);
    }
  }

  private static void branches(Problems problems, String path, List<String> branches) {
    if (branches == null) {
      return;
    }
    if (branches.isEmpty()) {
      // Not an error: the schema allows it, but the default ["*"] only applies when absent.
      problems.warn(
          path,
          "branches is an empty list, so no push ever triggers this pipeline; remove branches to"
              + " build every branch, or list the branches to build");
    }
    for (int j = 0; j < branches.size(); j++) {
      if (Texts.isBlank(branches.get(j))) {
        problems.error(
            FieldPaths.index(path, j),
            "branch filter is empty and matches no branch; write a branch or glob such as main"
                + " or feature/*, or remove the entry",
            "branch glob such as main or feature/*",
            branches.get(j));
      }
    }
  }

  /**
   * The seed requires the pipeline timeout to cover the sum of the step timeouts, but its own
   * example breaks that rule (10m + 30m + 30m > 1h); steps may also run in parallel. So this is a
   * warning: the pipeline may time out before its steps do.
   */
  private static void totalTimeout(
      Problems problems, String path, List<Step> steps, Duration pipelineTimeout) {
    Duration sum = Duration.ZERO;
    List<String> parts = new ArrayList<>();
    for (Step step : steps) {
      if (step == null) {
        continue;
      }
      Optional<Duration> parsed =
          step.getTimeout() == null
              ? Optional.of(StepDefaults.STEP_TIMEOUT)
              : Durations.parse(step.getTimeout());
      if (parsed.isEmpty()) {
        return; // the invalid timeout is already an error; a sum without it would mislead
      }
      Duration timeout = parsed.get();
      sum = sum.plus(timeout);
      parts.add((step.getName() == null ? "?" : step.getName()) + " " + Durations.format(timeout));
    }
    if (sum.compareTo(pipelineTimeout) > 0) {
      problems.warn(
          path,
          "the step timeouts add up to "
              + Durations.format(sum)
              + " ("
              + String.join(" + ", parts)
              + "), more than the pipeline timeout of "
              + Durations.format(pipelineTimeout)
              + ", so the pipeline may time out while a step is still within its own timeout;"
              + " raise the pipeline timeout to at least "
              + Durations.format(sum)
              + " or lower the step timeouts");
    }
  }
}
