package dev.c8s.cli;

import dev.c8s.cli.api.C8sApi;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RunPhase;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Polls runs every 2 s until each has ended, reporting each as it ends. */
final class RunWaiter {
  private final C8sApi api;
  private final long pollMillis;

  RunWaiter(C8sApi api, long pollMillis) {
    this.api = api;
    this.pollMillis = pollMillis;
  }

  /** Waits for all of {@code names}; {@code ended} hears of each ended run once, in end order. */
  List<PipelineRun> await(List<String> names, Consumer<PipelineRun> ended)
      throws InterruptedException {
    Set<String> waiting = new LinkedHashSet<>(names);
    List<PipelineRun> done = new ArrayList<>();
    while (true) {
      for (String name : List.copyOf(waiting)) {
        PipelineRun run = api.run(name);
        if (phase(run).isTerminal()) {
          waiting.remove(name);
          done.add(run);
          ended.accept(run);
        }
      }
      if (waiting.isEmpty()) {
        return done;
      }
      Thread.sleep(pollMillis);
    }
  }

  /** The run's phase; Pending before the controller has seen it. */
  static RunPhase phase(PipelineRun run) {
    return run.getStatus() == null || run.getStatus().getPhase() == null
        ? RunPhase.Pending
        : run.getStatus().getPhase();
  }
}
