package dev.c8s.controller.bench;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Local millisecond times at which Jobs appeared and finished, as seen through a watch. */
final class JobTimeline implements Watcher<Job> {
  final Map<String, Long> created = new ConcurrentHashMap<>();
  final Map<String, Long> finished = new ConcurrentHashMap<>();

  @Override
  public void eventReceived(Action action, Job job) {
    long now = System.nanoTime() / 1_000_000;
    String name = job.getMetadata().getName();
    if (action == Action.ADDED) {
      created.putIfAbsent(name, now);
    }
    if (job.getStatus() != null
        && job.getStatus().getConditions() != null
        && job.getStatus().getConditions().stream()
            .anyMatch(
                c ->
                    ("Complete".equals(c.getType()) || "Failed".equals(c.getType()))
                        && "True".equals(c.getStatus()))) {
      finished.putIfAbsent(name, now);
    }
  }

  @Override
  public void onClose(WatcherException cause) {
    // The benchmark ends the watch itself; a failed watch shows up as missing samples.
  }
}
