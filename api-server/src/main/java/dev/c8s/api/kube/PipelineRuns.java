package dev.c8s.api.kube;

import dev.c8s.api.problem.ApiException;
import dev.c8s.model.kubernetes.RunFieldSupport;
import dev.c8s.model.v1alpha1.C8s;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RunPhase;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** PipelineRuns in Kubernetes: filtered, paginated lists, reads, creation and cancellation. */
@ApplicationScoped
public class PipelineRuns {
  private static final int CANCEL_ATTEMPTS = 3;

  private final CustomResources<PipelineRun> objects;
  private final ListSettings settings;
  private final BooleanSupplier byField;

  @Inject
  PipelineRuns(KubernetesClient client, ListSettings settings) {
    this(client, settings, new RunFieldSupport(client));
  }

  /** With {@code byField} saying whether the cluster selects runs by field ({@link RunFilter}). */
  PipelineRuns(KubernetesClient client, ListSettings settings, BooleanSupplier byField) {
    this.objects = new CustomResources<>(client, PipelineRun.class, "PipelineRun", C8s.API_VERSION);
    this.settings = settings;
    this.byField = byField;
  }

  /**
   * One page of the runs that pass {@code filter}. Where Kubernetes evaluates the whole filter (it
   * selects runs by field, or the filter has no phase or branch) its list is paged directly (its
   * continue token is passed through). Otherwise Kubernetes pages are scanned until {@code limit}
   * matches are found, and the continue token records where the scan stopped inside a page; a page
   * may hold fewer than {@code limit} runs, even none, while the token is not null (as Kubernetes
   * itself allows).
   */
  public Page<PipelineRun> list(String namespace, RunFilter filter, int limit, String token) {
    boolean fields = byField.getAsBoolean();
    RunFilter.Selectors selectors = filter.selectors(fields);
    if (!filter.needsScan(fields) && !ScanCursor.isOurs(token)) {
      return objects.list(namespace, limit, token, selectors.labels(), selectors.fields());
    }
    return scan(
        namespace, filter, limit, ScanCursor.decode(token, settings.scanPageSize()), selectors);
  }

  private Page<PipelineRun> scan(
      String namespace,
      RunFilter filter,
      int limit,
      ScanCursor cursor,
      RunFilter.Selectors selectors) {
    List<PipelineRun> found = new ArrayList<>();
    int read = 0;
    while (true) {
      ListOptionsBuilder options =
          new ListOptionsBuilder()
              .withLimit((long) cursor.pageSize())
              .withLabelSelector(selectors.labels())
              .withFieldSelector(selectors.fields())
              .withContinue(cursor.kubeContinue());
      if (cursor.kubeContinue() == null && cursor.resourceVersion() != null) {
        // Reading the first page again: at the same resourceVersion it holds the same runs.
        options.withResourceVersion(cursor.resourceVersion()).withResourceVersionMatch("Exact");
      }
      KubernetesResourceList<PipelineRun> page =
          objects.operations().inNamespace(namespace).list(options.build());
      List<PipelineRun> items = page.getItems();
      String next = page.getMetadata().getContinue();
      next = next == null || next.isEmpty() ? null : next;
      String version =
          cursor.kubeContinue() == null ? page.getMetadata().getResourceVersion() : null;
      for (int i = cursor.skip(); i < items.size(); i++) {
        read++;
        if (!filter.matches(items.get(i))) {
          continue;
        }
        found.add(items.get(i));
        if (found.size() == limit) {
          if (i + 1 < items.size()) {
            return new Page<>(
                found,
                new ScanCursor(cursor.kubeContinue(), version, cursor.pageSize(), i + 1).encode());
          }
          return new Page<>(found, continueAt(next, cursor.pageSize()));
        }
      }
      if (next == null) {
        return new Page<>(found, null);
      }
      cursor = new ScanCursor(next, null, cursor.pageSize(), 0);
      if (read >= settings.scanBudget()) {
        return new Page<>(found, cursor.encode());
      }
    }
  }

  private static String continueAt(String kubeContinue, int pageSize) {
    return kubeContinue == null ? null : new ScanCursor(kubeContinue, null, pageSize, 0).encode();
  }

  public PipelineRun get(String namespace, String name) {
    return objects.get(namespace, name);
  }

  /** Creates a run built by {@link RunRequests}. */
  public PipelineRun create(String namespace, PipelineRun run) {
    return objects.create(namespace, run);
  }

  /**
   * Sets {@code spec.cancelRequested}; 409 when the run has already ended. The update is
   * conditional on the version read, so a run that ends meanwhile is seen and refused.
   */
  public PipelineRun cancel(String namespace, String name) {
    for (int attempt = 1; ; attempt++) {
      PipelineRun run = get(namespace, name);
      RunPhase phase = run.getStatus() == null ? null : run.getStatus().getPhase();
      if (phase != null && phase.isTerminal()) {
        throw ApiException.conflict(
            "PipelineRun \""
                + name
                + "\" has already ended ("
                + phase
                + "); it cannot be cancelled");
      }
      if (Boolean.TRUE.equals(run.getSpec().getCancelRequested())) {
        return run;
      }
      run.getSpec().setCancelRequested(true);
      try {
        return objects.operations().inNamespace(namespace).resource(run).update();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == CANCEL_ATTEMPTS) {
          throw e;
        }
      }
    }
  }
}
