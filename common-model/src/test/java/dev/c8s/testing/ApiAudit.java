package dev.c8s.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * The kube-apiserver's own audit log of the requests c8s's services make: what a budget test
 * counts, so a count is what the API server served, whichever client library or cache made the
 * call.
 *
 * <p>Only the chart's ServiceAccounts ({@link ServiceIdentities#RELEASE_NAMESPACE}) are audited,
 * once per request when it completes (a followed log or a watch counts when it ends).
 */
public final class ApiAudit {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path log;

  private ApiAudit(Path log) {
    this.log = log;
  }

  /** One request as the API server saw it. */
  public record Call(
      String user,
      String verb,
      String namespace,
      String resource,
      String subresource,
      String name) {
    /**
     * {@code verb resource[/subresource]}, e.g. {@code create jobs} or {@code patch
     * pipelineruns/status}.
     */
    public String kind() {
      return verb + " " + resource + (subresource == null ? "" : "/" + subresource);
    }
  }

  /**
   * The kube-apiserver flags that write the audit log into {@code dir}, with the policy file they
   * name written there first.
   */
  static ApiAudit configure(Path dir, List<String> flags) {
    try {
      Files.createDirectories(dir);
      Path policy = dir.resolve("audit-policy.yaml");
      Files.writeString(
          policy,
          String.join(
              "\n",
              "apiVersion: audit.k8s.io/v1",
              "kind: Policy",
              "omitStages: [RequestReceived, ResponseStarted]",
              "rules:",
              "- level: Metadata",
              "  userGroups: [\"system:serviceaccounts:"
                  + ServiceIdentities.RELEASE_NAMESPACE
                  + "\"]",
              "- level: None",
              ""));
      Path log = dir.resolve("audit.log");
      flags.add("--audit-policy-file=" + policy);
      flags.add("--audit-log-path=" + log);
      flags.add("--audit-log-format=json");
      flags.add("--audit-log-mode=blocking");
      flags.add("--audit-log-maxsize=2000");
      return new ApiAudit(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every audited request so far, oldest first. */
  public List<Call> calls() {
    return calls(c -> true);
  }

  /** The audited requests so far that {@code filter} accepts, oldest first. */
  public List<Call> calls(Predicate<Call> filter) {
    List<Call> calls = new ArrayList<>();
    try (BufferedReader lines = Files.newBufferedReader(log)) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        Call call = parse(JSON.readTree(line));
        if (filter.test(call)) {
          calls.add(call);
        }
      }
    } catch (NoSuchFileException e) {
      return calls;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return calls;
  }

  /** The requests {@code user} made in {@code namespace}, counted by {@link Call#kind()}. */
  public Map<String, Integer> countsBy(String user, String namespace) {
    Map<String, Integer> counts = new TreeMap<>();
    for (Call call : calls(c -> user.equals(c.user()) && namespace.equals(c.namespace()))) {
      counts.merge(call.kind(), 1, Integer::sum);
    }
    return counts;
  }

  /**
   * {@link #countsBy} once two readings a second apart agree (a controller's calls go on a moment
   * after what it was doing has ended: logs archived, statistics written).
   */
  public Map<String, Integer> settledCountsBy(String user, String namespace, Duration atMost) {
    AtomicReference<Map<String, Integer>> last = new AtomicReference<>(Map.of());
    return Awaitility.await()
        .atMost(atMost)
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> countsBy(user, namespace),
            now -> !now.isEmpty() && now.equals(last.getAndSet(now)));
  }

  private static Call parse(JsonNode event) {
    JsonNode ref = event.path("objectRef");
    return new Call(
        event.path("user").path("username").asText(),
        event.path("verb").asText(),
        text(ref, "namespace"),
        text(ref, "resource"),
        text(ref, "subresource"),
        text(ref, "name"));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
