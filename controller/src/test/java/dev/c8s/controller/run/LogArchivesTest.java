package dev.c8s.controller.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.c8s.controller.config.ControllerSettings;
import dev.c8s.model.v1alpha1.PipelineRun;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogArchivesTest {
  private final List<ResourceID> woken = new CopyOnWriteArrayList<>();
  private final PipelineRun run = Runs.run("team", "run-1", "build", "main");
  private LogArchives archives;

  @BeforeEach
  void start() {
    run.getMetadata().setUid("uid-1");
    // One archiver thread: archives finish in the order they were started.
    archives = new LogArchives(oneArchiver(), Clock.systemUTC());
    archives
        .eventSource()
        .setEventHandler((Event event) -> woken.add(event.getRelatedCustomResourceID()));
    archives.eventSource().start();
  }

  @Test
  void anArchiveFinishedAheadOfItsStepsEndWakesNoPassAndWaitsForThePassOfTheEnd() {
    archives.start(run, "build", () -> archived("build"));
    AtomicBoolean nextArchiveRan = new AtomicBoolean();
    archives.start(
        run,
        "test",
        () -> {
          nextArchiveRan.set(true);
          return archived("test");
        });
    // One archiver: "build" and whatever its end set off are done before "test" begins.
    await().untilTrue(nextArchiveRan);

    assertThat(woken).isEmpty();
    assertThat(archives.finished(run, Set.of("build"))).containsExactly(archived("build"));
  }

  @Test
  void anArchiveAPassHasLookedForWakesTheRunWhenItFinishes() {
    CountDownLatch storing = new CountDownLatch(1);
    archives.start(run, "build", () -> awaitThen(storing, archived("build")));
    // The pass of the step's end finds the archive under way: the run waits for it.
    assertThat(archives.finished(run, Set.of("build"))).isEmpty();

    storing.countDown();

    await().until(() -> !woken.isEmpty());
    assertThat(woken).containsExactly(ResourceID.fromResource(run));
    assertThat(archives.finished(run, Set.of("build"))).containsExactly(archived("build"));
  }

  @Test
  void aRetriedArchiveWakesItsRunWhenItEnds() {
    // A log object storage refused, started again by a pass: the run waits for it already.
    archives.retry(run, "build", () -> archived("build"));

    await().until(() -> !woken.isEmpty());
    assertThat(woken).containsExactly(ResourceID.fromResource(run));
    assertThat(archives.finished(run, Set.of("build"))).containsExactly(archived("build"));
  }

  private static LogResult archived(String step) {
    return new LogResult.Archived(step, "s3://logs/" + step, null);
  }

  private static LogResult awaitThen(CountDownLatch latch, LogResult result) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return result;
  }

  private static ControllerSettings oneArchiver() {
    return (ControllerSettings)
        Proxy.newProxyInstance(
            ControllerSettings.class.getClassLoader(),
            new Class<?>[] {ControllerSettings.class},
            (proxy, method, args) -> {
              if (method.getName().equals("logArchivers")) {
                return 1;
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }
}
