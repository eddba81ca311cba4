package dev.c8s.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where the control-plane binaries live: the layout io.fabric8:kube-api-test reads. */
public final class ControlPlaneBinaries {
  /** The binaries kube-api-test itself needs; with all three present it runs offline. */
  static final List<String> API_SERVER = List.of("kube-apiserver", "etcd", "kubectl");

  /** The extra binaries that make Jobs run: controllers, scheduling and fake nodes. */
  static final List<String> WORKLOADS =
      List.of("kube-controller-manager", "kube-scheduler", "kwok");

  private ControlPlaneBinaries() {}

  /** The pinned Kubernetes version (Maven property {@code c8s.kubernetes.version}). */
  public static String version() {
    return System.getProperty("c8s.kubernetes.version", "1.34.4");
  }

  /** {@code ${KUBE_API_TEST_DIR:-~/.kubeapitest}}, the root kube-api-test reads. */
  public static Path testDir() {
    String env = System.getenv("KUBE_API_TEST_DIR");
    return env != null && !env.isBlank()
        ? Path.of(env)
        : Path.of(System.getProperty("user.home"), ".kubeapitest");
  }

  /** The folder of the pinned version's binaries. */
  public static Path folder() {
    return testDir().resolve("k8s").resolve(version() + "-linux-amd64");
  }

  /** Whether every named binary is present and executable. */
  static boolean present(List<String> names) {
    return names.stream().map(folder()::resolve).allMatch(Files::isExecutable);
  }

  /** The path of one binary, failing with the command that builds it when it is missing. */
  static Path require(String name) {
    Path binary = folder().resolve(name);
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException(
          name
              + " not found at "
              + binary
              + ". Build the control-plane binaries once with scripts/control-plane-binaries.sh"
              + " (see docs/testing.md).");
    }
    return binary;
  }

  /** The repository root, for the CRDs and the kwok stages under version control. */
  static Path repositoryRoot() {
    String root = System.getProperty("maven.multiModuleProjectDirectory");
    Path start = Path.of(root != null ? root : "").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("charts/c8s/crds"))) {
        return dir;
      }
    }
    throw new IllegalStateException("cannot find the repository root above " + start);
  }
}
