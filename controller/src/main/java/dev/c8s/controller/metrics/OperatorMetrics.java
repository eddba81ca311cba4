package dev.c8s.controller.metrics;

import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The operator SDK's metrics without a set of meters per resource: the extension's default keeps
 * meters for every PipelineRun by name, which with thousands of runs filled the controller's heap
 * and made {@code /q/metrics} itself run out of memory (issue 18). Per-controller figures stay.
 */
public class OperatorMetrics {
  @Produces
  @Singleton
  Metrics metrics(MeterRegistry registry) {
    return MicrometerMetrics.withoutPerResourceMetrics(registry);
  }
}
