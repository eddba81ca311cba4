package dev.c8s.controller.run;

import dev.c8s.controller.job.StepJobFactory;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PipelineRunStatus;
import dev.c8s.model.v1alpha1.Step;
import dev.c8s.model.v1alpha1.StepPhase;
import dev.c8s.model.v1alpha1.StepStatus;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Observes a run's steps: their Jobs and pods from the caches, and Jobs that are gone. */
@ApplicationScoped
class RunObserver {
  @Inject StepJobs jobs;

  RunObservation observe(PipelineRun run, PipelineRunStatus status, Context<PipelineRun> context) {
    Map<String, Job> existing =
        context.getSecondaryResources(Job.class).stream()
            .filter(j -> j.getMetadata().getAnnotations() != null)
            // The cache maps Jobs to runs by owner name: an earlier run of the same name is not us.
            .filter(j -> StepJobs.ownedBy(j, run))
            .collect(
                Collectors.toMap(
                    j -> j.getMetadata().getAnnotations().get(StepJobFactory.STEP_ANNOTATION),
                    j -> j,
                    (a, b) -> a));
    List<ObservedStep> steps = new ArrayList<>();
    for (Step step : status.getPipelineSpec().getSteps()) {
      Job job = existing.get(step.getName());
      if (job != null && !ended(status, step.getName())) {
        steps.add(jobs.observe(job, step, RunEventSources.pods(context, job)));
      }
    }
    // Missing from the cache is not enough: a Job created moments ago may not be there yet.
    Set<String> gone =
        status.getSteps().stream()
            .filter(s -> s.getPhase() == StepPhase.Running && !existing.containsKey(s.getName()))
            .map(StepStatus::getName)
            .filter(name -> jobs.deleted(run, name))
            .collect(Collectors.toSet());
    return new RunObservation(existing, steps, gone);
  }

  private static boolean ended(PipelineRunStatus status, String step) {
    return status.getSteps().stream()
        .anyMatch(s -> s.getName().equals(step) && s.getPhase().isTerminal());
  }
}
