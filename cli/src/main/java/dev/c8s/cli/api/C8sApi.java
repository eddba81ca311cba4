package dev.c8s.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.c8s.model.v1alpha1.PipelineRun;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** The c8s REST API's run operations in one namespace (docs/api.md), as the CLI uses them. */
public final class C8sApi {
  private final ApiClient client;
  private final String namespace;

  public C8sApi(ApiClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  public String namespace() {
    return namespace;
  }

  /**
   * One page of runs.
   *
   * @param items the runs as the API returned them (for {@code -o json|yaml})
   * @param continueToken the next page's token, null on the last page
   */
  public record RunPage(List<JsonNode> items, String continueToken) {}

  /** Filters of a run list; null means no filter. */
  public record RunQuery(String pipelineConfig, String branch, String phase, Integer limit) {}

  /** One page of runs matching {@code query}, from {@code continueToken} (null: the first). */
  public RunPage runs(RunQuery query, String continueToken) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("pipelineConfig", query.pipelineConfig());
    params.put("branch", query.branch());
    params.put("phase", query.phase());
    params.put("limit", query.limit());
    params.put("continue", continueToken);
    JsonNode list = client.get(path("pipelineruns") + query(params));
    List<JsonNode> items = new ArrayList<>();
    list.path("items").forEach(items::add);
    String next = list.path("metadata").path("continue").asText(null);
    return new RunPage(items, next == null || next.isEmpty() ? null : next);
  }

  /** The run {@code name}. */
  public PipelineRun run(String name) {
    return toRun(client.get(path("pipelineruns/" + segment(name))));
  }

  /** Triggers runs of {@code config}; the created runs (one per matrix combination). */
  public List<PipelineRun> trigger(
      String config, String commit, String branch, List<Map<String, String>> matrix) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("commit", commit);
    if (branch != null) {
      body.put("branch", branch);
    }
    if (matrix != null && !matrix.isEmpty()) {
      body.put("matrix", matrix);
    }
    JsonNode list = client.post(path("pipelineconfigs/" + segment(config) + "/runs"), body);
    List<PipelineRun> runs = new ArrayList<>();
    list.path("items").forEach(item -> runs.add(toRun(item)));
    return runs;
  }

  /** Asks the controller to cancel run {@code name}; the run as updated. */
  public PipelineRun cancel(String name) {
    return toRun(client.post(path("pipelineruns/" + segment(name) + "/cancel"), null));
  }

  /** A new run of {@code name}'s pipeline and commit; resuming from its failed steps if asked. */
  public PipelineRun rerun(String name, boolean fromFailed) {
    return toRun(
        client.post(
            path("pipelineruns/" + segment(name) + "/rerun" + (fromFailed ? "?from=failed" : "")),
            null));
  }

  /** The log of {@code step} of {@code run}, masked by the server; followed while it runs. */
  public InputStream stepLog(String run, String step, boolean follow) {
    return client.stream(
        path("pipelineruns/" + segment(run) + "/steps/" + segment(step) + "/logs")
            + (follow ? "?follow=true" : ""));
  }

  /** A run of a list or answer as the model class. */
  public static PipelineRun toRun(JsonNode json) {
    return ApiClient.JSON.convertValue(json, PipelineRun.class);
  }

  private String path(String rest) {
    return "/api/v1/namespaces/" + segment(namespace) + "/" + rest;
  }

  private static String query(Map<String, Object> params) {
    StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
    params.forEach(
        (key, value) -> {
          if (value != null) {
            query.add(key + "=" + URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
          }
        });
    return query.toString();
  }

  private static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
