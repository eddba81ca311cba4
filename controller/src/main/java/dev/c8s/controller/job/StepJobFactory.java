package dev.c8s.controller.job;

import dev.c8s.model.engine.StepLaunch;
import dev.c8s.model.v1alpha1.C8s;
import dev.c8s.model.v1alpha1.LabelValues;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PullRequest;
import dev.c8s.model.v1alpha1.StepSecret;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the Job of one step of a run: a pure function, so restarts build the same Job again. */
public final class StepJobFactory {
  /** Annotation holding the run's name (labels are limited to 63 characters, names are not). */
  public static final String RUN_ANNOTATION = C8s.GROUP + "/pipeline-run-name";

  /** Annotation holding the step's name. */
  public static final String STEP_ANNOTATION = C8s.GROUP + "/step-name";

  /** Name of the container running the user's commands. */
  public static final String STEP_CONTAINER = "step";

  private static final long HELPER_UID = 1001L;

  /** Seconds a stopped step has to clean up before it is killed. */
  public static final long STOP_GRACE_SECONDS = 10L;

  private StepJobFactory() {}

  /** The Job running {@code launch} for {@code run}. */
  public static Job build(
      PipelineRun run,
      String repository,
      StepLaunch launch,
      StepTransfers transfers,
      GitCredentials git,
      JobSettings settings) {
    String runName = run.getMetadata().getName();
    Map<String, String> labels = labels(run, launch.name());
    Map<String, String> annotations =
        Map.of(RUN_ANNOTATION, runName, STEP_ANNOTATION, launch.name());
    List<Container> init = new ArrayList<>();
    init.add(cloneContainer(run, repository, git, settings));
    if (!transfers.downloads().isEmpty()) {
      init.add(
          helper(
              "download", settings.transferImage(), StepScripts.download(transfers.downloads())));
    }
    List<Container> containers = new ArrayList<>();
    boolean uploads = transfers.upload() != null && !launch.artifacts().isEmpty();
    containers.add(stepContainer(launch, uploads));
    if (uploads) {
      containers.add(
          helper(
              "upload",
              settings.transferImage(),
              StepScripts.upload(launch.artifacts(), transfers.upload())));
    }
    return new JobBuilder()
        .withNewMetadata()
        .withName(KubernetesNames.jobName(runName, launch.name()))
        .withNamespace(run.getMetadata().getNamespace())
        .withLabels(labels)
        .withAnnotations(annotations)
        .withOwnerReferences(
            new OwnerReferenceBuilder()
                .withApiVersion(C8s.API_VERSION)
                .withKind("PipelineRun")
                .withName(runName)
                .withUid(run.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build())
        .endMetadata()
        .withNewSpec()
        .withBackoffLimit(0)
        .withActiveDeadlineSeconds(launch.timeout().toSeconds())
        .withTtlSecondsAfterFinished((int) settings.ttlAfterFinished().toSeconds())
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(labels)
        .withAnnotations(annotations)
        .endMetadata()
        .withNewSpec()
        .withRestartPolicy("Never")
        // A stopped step (cancel, timeout) gets SIGTERM and this long before SIGKILL. `sh` as PID 1
        // ignores SIGTERM, so with Kubernetes' 30 s default every stop took 30 s on a real node.
        .withTerminationGracePeriodSeconds(STOP_GRACE_SECONDS)
        .withAutomountServiceAccountToken(false)
        .withEnableServiceLinks(false)
        .withInitContainers(init)
        .withContainers(containers)
        .addNewVolume()
        .withName("workspace")
        .withNewEmptyDir()
        .endEmptyDir()
        .endVolume()
        .addNewVolume()
        .withName("c8s")
        .withNewEmptyDir()
        .endEmptyDir()
        .endVolume()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  /** The labels of a step's Job and pod; values are shortened to fit label limits. */
  public static Map<String, String> labels(PipelineRun run, String step) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(C8s.LABEL_MANAGED_BY, C8s.MANAGED_BY);
    labels.put(C8s.LABEL_PIPELINE_RUN, LabelValues.of(run.getMetadata().getName()));
    labels.put(C8s.LABEL_STEP, step);
    labels.put(C8s.LABEL_PIPELINE_CONFIG, LabelValues.of(run.getSpec().getPipelineConfigRef()));
    return labels;
  }

  private static Container stepContainer(StepLaunch launch, boolean uploads) {
    List<EnvVar> env = new ArrayList<>();
    launch.env().forEach((k, v) -> env.add(new EnvVar(k, v, null)));
    for (StepSecret secret : launch.secrets()) {
      env.add(secretEnv(envName(secret), secret.getSecretRef(), secret.getKey(), false));
    }
    Map<String, Quantity> resources =
        Map.of("cpu", new Quantity(launch.cpu()), "memory", new Quantity(launch.memory()));
    return new ContainerBuilder()
        .withName(STEP_CONTAINER)
        .withImage(launch.image())
        .withCommand("sh", "-c", StepScripts.step(launch.commands(), uploads))
        .withWorkingDir(StepScripts.WORKSPACE)
        .withEnv(env)
        .withVolumeMounts(mounts())
        .withNewResources()
        .withRequests(resources)
        .withLimits(resources)
        .endResources()
        .withSecurityContext(
            new SecurityContextBuilder()
                .withAllowPrivilegeEscalation(false)
                .withNewSeccompProfile()
                .withType("RuntimeDefault")
                .endSeccompProfile()
                .build())
        .build();
  }

  private static Container cloneContainer(
      PipelineRun run, String repository, GitCredentials git, JobSettings settings) {
    Container clone = helper("clone", settings.gitImage(), StepScripts.gitClone());
    clone.getEnv().add(new EnvVar("C8S_REPOSITORY", repository, null));
    clone.getEnv().add(new EnvVar("C8S_COMMIT", run.getSpec().getCommit(), null));
    PullRequest pr = run.getSpec().getPullRequest();
    if (pr != null && pr.getFetchRef() != null) {
      clone.getEnv().add(new EnvVar("C8S_FETCH_REF", pr.getFetchRef(), null));
    }
    if (git.secretName() != null) {
      clone.getEnv().add(secretEnv("GIT_USERNAME", git.secretName(), "username", true));
      clone.getEnv().add(secretEnv("GIT_PASSWORD", git.secretName(), "password", true));
      clone.getEnv().add(secretEnv("GIT_SSH_KEY", git.secretName(), "ssh-key", true));
      clone.getEnv().add(secretEnv("GIT_KNOWN_HOSTS", git.secretName(), "known_hosts", true));
    }
    return clone;
  }

  private static Container helper(String name, String image, String script) {
    return new ContainerBuilder()
        .withName(name)
        .withImage(image)
        .withCommand("sh", "-c", StepScripts.reportingOutput(name, script))
        // A failed helper reports its output in the pod status, which the step's status message
        // quotes ("Authentication failed for ..."): framed when short, else the log's last lines.
        .withTerminationMessagePolicy("FallbackToLogsOnError")
        .withEnv(new ArrayList<>())
        .withVolumeMounts(mounts())
        .withNewResources()
        .addToRequests("cpu", new Quantity("50m"))
        .addToRequests("memory", new Quantity("64Mi"))
        .addToLimits("cpu", new Quantity("500m"))
        .addToLimits("memory", new Quantity("256Mi"))
        .endResources()
        .withSecurityContext(helperSecurity())
        .build();
  }

  private static SecurityContext helperSecurity() {
    return new SecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withRunAsUser(HELPER_UID)
        .withAllowPrivilegeEscalation(false)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .build();
  }

  private static List<VolumeMount> mounts() {
    return List.of(
        new VolumeMountBuilder().withName("workspace").withMountPath(StepScripts.WORKSPACE).build(),
        new VolumeMountBuilder().withName("c8s").withMountPath(StepScripts.TOOLS).build());
  }

  private static EnvVar secretEnv(String name, String secret, String key, boolean optional) {
    return new EnvVarBuilder()
        .withName(name)
        .withNewValueFrom()
        .withNewSecretKeyRef()
        .withName(secret)
        .withKey(key)
        .withOptional(optional ? Boolean.TRUE : null)
        .endSecretKeyRef()
        .endValueFrom()
        .build();
  }

  /** The variable a secret is exposed as: {@code envVar}, or the key itself. */
  public static String envName(StepSecret secret) {
    return secret.getEnvVar() != null ? secret.getEnvVar() : secret.getKey();
  }
}
