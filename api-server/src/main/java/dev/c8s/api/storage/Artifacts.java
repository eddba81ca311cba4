package dev.c8s.api.storage;

import dev.c8s.api.kube.PipelineRuns;
import dev.c8s.api.problem.ApiException;
import dev.c8s.model.storage.ObjectKeys;
import dev.c8s.model.v1alpha1.PipelineRun;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The artifacts of a step: the entries of its archive, one file of it, or a presigned URL. */
@ApplicationScoped
public class Artifacts {
  private final PipelineRuns runs;
  private final ObjectStore store;
  private final StorageSettings settings;

  Artifacts(PipelineRuns runs, ObjectStore store, StorageSettings settings) {
    this.runs = runs;
    this.store = store;
    this.settings = settings;
  }

  /** The files in the step's archive; 404 when the run, the step or the archive is missing. */
  public List<ArtifactArchive.Entry> list(String namespace, String run, String step) {
    try (InputStream archive = archive(namespace, run, step)) {
      return ArtifactArchive.list(archive);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the artifact archive of " + step, e);
    }
  }

  /**
   * The archive positioned at {@code path}, to stream and close; 404 when there is no such file.
   */
  public ArtifactArchive.Positioned file(String namespace, String run, String step, String path) {
    try {
      return ArtifactArchive.find(archive(namespace, run, step), path)
          .orElseThrow(
              () ->
                  ApiException.notFound(
                      "step \""
                          + step
                          + "\" of run \""
                          + run
                          + "\" has no artifact \""
                          + path
                          + "\""));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the artifact archive of " + step, e);
    }
  }

  /** A short-lived URL of the whole archive. */
  public ObjectStore.PresignedUrl presign(String namespace, String run, String step) {
    String key = requireArchive(namespace, run, step);
    return store.presign(settings.artifactsBucket(), key, settings.presignTtl());
  }

  private InputStream archive(String namespace, String run, String step) {
    String key = key(namespace, run, step);
    return store.open(settings.artifactsBucket(), key).orElseThrow(() -> noArchive(run, step));
  }

  private String requireArchive(String namespace, String run, String step) {
    String key = key(namespace, run, step);
    if (!store.exists(settings.artifactsBucket(), key)) {
      throw noArchive(run, step);
    }
    return key;
  }

  private String key(String namespace, String run, String step) {
    PipelineRun pipelineRun = runs.get(namespace, run);
    boolean known =
        pipelineRun.getStatus() != null
            && ((pipelineRun.getStatus().getSteps() != null
                    && pipelineRun.getStatus().getSteps().stream()
                        .anyMatch(s -> step.equals(s.getName())))
                || (pipelineRun.getStatus().getPipelineSpec() != null
                    && pipelineRun.getStatus().getPipelineSpec().getSteps() != null
                    && pipelineRun.getStatus().getPipelineSpec().getSteps().stream()
                        .anyMatch(s -> s != null && step.equals(s.getName()))));
    if (!known) {
      throw ApiException.notFound("PipelineRun \"" + run + "\" has no step \"" + step + "\"");
    }
    return ObjectKeys.artifacts(namespace, run, step);
  }

  private static ApiException noArchive(String run, String step) {
    return ApiException.notFound(
        "step \"" + step + "\" of run \"" + run + "\" has no artifacts (yet)");
  }
}
