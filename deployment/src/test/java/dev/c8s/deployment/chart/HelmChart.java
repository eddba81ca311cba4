package dev.c8s.deployment.chart;

import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Lints and renders {@code charts/c8s} through the Helm library, as the helm CLI would. */
public final class HelmChart {
  public static final String RELEASE = "c8s";
  public static final String NAMESPACE = "c8s-system";

  /**
   * Helm's client-only default is Kubernetes v1.20, below the chart's kubeVersion; render for the
   * version the control-plane tests run against.
   */
  public static final String KUBE_VERSION = System.getProperty("c8s.kubernetes.version", "1.34.4");

  private HelmChart() {}

  /** The chart directory, found from the working directory upwards. */
  public static Path directory() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path chart = dir.resolve("charts/c8s");
      if (Files.isRegularFile(chart.resolve("Chart.yaml"))) {
        return chart;
      }
    }
    throw new IllegalStateException("charts/c8s not found above " + Path.of("").toAbsolutePath());
  }

  /** {@code helm lint --strict} with the default values. */
  static LintResult lint() {
    return new Helm(directory()).lint().strict().call();
  }

  /** The chart rendered into the default namespace with {@code valuesYaml} over the defaults. */
  public static Rendered render(String valuesYaml) {
    return render(NAMESPACE, valuesYaml);
  }

  /** The chart rendered into {@code namespace} with {@code valuesYaml} over the defaults. */
  public static Rendered render(String namespace, String valuesYaml) {
    return Rendered.parse(template(namespace, valuesYaml));
  }

  /** Helm's error for values the chart must refuse; fails when Helm renders them instead. */
  static String rejection(String valuesYaml) {
    try {
      template(NAMESPACE, valuesYaml);
    } catch (IllegalStateException e) {
      return e.getMessage();
    }
    throw new AssertionError("Helm accepted values it should reject:\n" + valuesYaml);
  }

  /** The release notes {@code helm install} prints, from a client-only dry run. */
  static String notes(String valuesYaml) {
    return withValuesFile(
        valuesYaml,
        file ->
            new Helm(directory())
                .install()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION)
                .withValuesFile(file)
                .dryRun()
                .withDryRunOption(DryRun.CLIENT)
                .clientOnly()
                .call()
                .getOutput());
  }

  private static String template(String namespace, String valuesYaml) {
    return withValuesFile(
        valuesYaml,
        file ->
            new Helm(directory())
                .template()
                .withName(RELEASE)
                .withNamespace(namespace)
                .withKubeVersion(KUBE_VERSION)
                .withValuesFile(file)
                .call());
  }

  /** A Helm call that reads its values from a file. */
  interface HelmCall {
    String run(Path valuesFile);
  }

  /** Runs {@code call} with {@code valuesYaml} written to a temporary values file. */
  static String withValuesFile(String valuesYaml, HelmCall call) {
    Path file = null;
    try {
      file = Files.createTempFile("c8s-values", ".yaml");
      Files.writeString(file, valuesYaml);
      return call.run(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (file != null) {
        file.toFile().delete();
      }
    }
  }
}
