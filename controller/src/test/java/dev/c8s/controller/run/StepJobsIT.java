package dev.c8s.controller.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.controller.ControlPlaneResource;
import dev.c8s.controller.job.GitCredentials;
import dev.c8s.controller.job.KubernetesNames;
import dev.c8s.model.engine.EngineInput;
import dev.c8s.model.engine.PipelineEngine;
import dev.c8s.model.engine.StepLaunch;
import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineConfigSpec;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.testing.SharedControlPlane;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Starting a step against the real API server: its start time is its Job's creation time. */
@QuarkusTest
@WithTestResource(ControlPlaneResource.class)
class StepJobsIT {
  private final KubernetesClient client = ControlPlaneResource.admin();
  @Inject StepJobs jobs;

  @Test
  void aStepStartedAgainFindsItsJobAndStartsAtThatJobsCreationTime() {
    String ns = SharedControlPlane.get(true).newNamespace("start");
    PipelineConfig config =
        client.resource(Runs.config(ns, "app", Runs.step("build", "true"))).create();
    PipelineConfigSpec spec = config.getSpec();
    // The controller starts the step as well: whichever create comes second finds the Job.
    PipelineRun run = client.resource(Runs.run(ns, "app-1", "app", "main")).create();
    StepLaunch launch =
        PipelineEngine.decide(
                new EngineInput(spec, run.getSpec(), null, null, Map.of(), Instant.now()))
            .start()
            .get(0);

    StepStart first = jobs.start(run, spec, launch, Map.of(), GitCredentials.NONE, List::of);
    // As a pass that did not see its own create (a restart, a lagging cache) starts it again.
    StepStart again = jobs.start(run, spec, launch, Map.of(), GitCredentials.NONE, List::of);

    Job job =
        client
            .batch()
            .v1()
            .jobs()
            .inNamespace(ns)
            .withName(KubernetesNames.jobName("app-1", "build"))
            .get();
    Instant created = Instant.parse(job.getMetadata().getCreationTimestamp());
    assertThat(first).isEqualTo(new StepStart.Started(created));
    assertThat(again).isEqualTo(new StepStart.Started(created));
  }
}
