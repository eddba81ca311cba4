package dev.c8s.api.kube;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How filtered lists read Kubernetes ({@code c8s.api.lists.*}). */
@ConfigMapping(prefix = "c8s.api.lists")
public interface ListSettings {

  /** Kubernetes page size while scanning for phase or branch matches. */
  @WithDefault("250")
  int scanPageSize();

  /** Most runs one filtered request reads before it answers with what it found so far. */
  @WithDefault("5000")
  int scanBudget();
}
