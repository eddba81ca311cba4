package dev.c8s.controller.run;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one reconciliation saw of a run's steps in Kubernetes, before anything is decided.
 *
 * @param jobs the run's own step Jobs by step name
 * @param steps what the Jobs of steps not yet ended report
 * @param jobsGone steps recorded as running whose Job the API server no longer has
 */
record RunObservation(Map<String, Job> jobs, List<ObservedStep> steps, Set<String> jobsGone) {
  RunObservation {
    jobs = Map.copyOf(jobs);
    steps = List.copyOf(steps);
    jobsGone = Set.copyOf(jobsGone);
  }
}
