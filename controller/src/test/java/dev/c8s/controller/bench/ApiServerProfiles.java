package dev.c8s.controller.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The kube-apiserver's Go CPU profiles, taken one after another in 5 s pieces while a phase is
 * measured ({@code -Dc8s.bench.apiserver-profiles=DIR}), so all of a phase can be attributed:
 * {@code go tool pprof -top DIR/c8s-*.pprof} (files {@code c8s-<namespace>-NNN.pprof} and {@code
 * plain-<namespace>-NNN.pprof}). The last piece runs up to 5 s past the phase; a piece that cannot
 * be taken is reported and skipped.
 */
final class ApiServerProfiles {
  /** Profiles being taken until closed. */
  interface Taking extends AutoCloseable {
    @Override
    void close();
  }

  private static final int SECONDS = 5;

  private final Thread taker;
  private volatile boolean done;

  private ApiServerProfiles(KubernetesClient client, Path dir, String phase) {
    this.taker =
        Thread.ofVirtual()
            .start(
                () -> {
                  for (int i = 0; !done; i++) {
                    try {
                      save(client, dir.resolve(String.format("%s-%03d.pprof", phase, i)));
                    } catch (IllegalStateException missed) {
                      System.out.println("kube-apiserver profile missed: " + missed.getMessage());
                    }
                  }
                });
  }

  /** Profiles of {@code phase} into the directory the property names; none when it is unset. */
  static Taking during(KubernetesClient client, String phase) {
    String dir = System.getProperty("c8s.bench.apiserver-profiles", "");
    if (dir.isEmpty()) {
      return () -> {};
    }
    try {
      Files.createDirectories(Path.of(dir));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ApiServerProfiles(client, Path.of(dir), phase)::stop;
  }

  private static void save(KubernetesClient client, Path file) {
    HttpClient http = client.getHttpClient();
    HttpRequest request =
        http.newHttpRequestBuilder()
            .uri(client.getMasterUrl() + "debug/pprof/profile?seconds=" + SECONDS)
            .build();
    try {
      HttpResponse<byte[]> answer =
          http.sendAsync(request, byte[].class).get(SECONDS + 30, TimeUnit.SECONDS);
      Files.write(file, answer.body());
    } catch (IOException | ExecutionException | TimeoutException e) {
      throw new IllegalStateException("kube-apiserver profile " + file + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void stop() {
    done = true;
    try {
      taker.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
