package dev.c8s.controller.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Nearest-rank percentiles of millisecond samples. */
final class Percentiles {
  private final List<Long> samples;

  Percentiles(List<Long> samples) {
    this.samples = new ArrayList<>(samples);
    Collections.sort(this.samples);
  }

  long at(double percentile) {
    if (samples.isEmpty()) {
      return -1;
    }
    int rank = (int) Math.ceil(percentile / 100.0 * samples.size());
    return samples.get(Math.max(0, rank - 1));
  }

  int count() {
    return samples.size();
  }
}
