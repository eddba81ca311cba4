package dev.c8s.model.validation;

import dev.c8s.model.v1alpha1.PipelineConfigSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A ClusterLookup over maps, recording every lookup so tests can see what was asked. */
final class InMemoryCluster implements ClusterLookup {
  private final Map<String, Set<String>> secrets = new HashMap<>();
  private final Map<String, PipelineConfigSpec> configs = new HashMap<>();
  private final Map<String, Map<String, Map<String, String>>> quotas = new HashMap<>();
  final List<String> lookups = new ArrayList<>();

  InMemoryCluster secret(String namespace, String name, String... keys) {
    secrets.put(namespace + "/" + name, Set.of(keys));
    return this;
  }

  InMemoryCluster config(String namespace, String name, PipelineConfigSpec spec) {
    configs.put(namespace + "/" + name, spec);
    return this;
  }

  InMemoryCluster quota(String namespace, String name, Map<String, String> hard) {
    quotas.computeIfAbsent(namespace, n -> new LinkedHashMap<>()).put(name, hard);
    return this;
  }

  @Override
  public Optional<Set<String>> secretKeys(String namespace, String name) {
    lookups.add("secret " + namespace + "/" + name);
    return Optional.ofNullable(secrets.get(namespace + "/" + name));
  }

  @Override
  public Optional<PipelineConfigSpec> pipelineConfig(String namespace, String name) {
    lookups.add("pipelineconfig " + namespace + "/" + name);
    return Optional.ofNullable(configs.get(namespace + "/" + name));
  }

  @Override
  public Map<String, Map<String, String>> resourceQuotaHard(String namespace) {
    lookups.add("quotas " + namespace);
    return quotas.getOrDefault(namespace, Map.of());
  }
}
