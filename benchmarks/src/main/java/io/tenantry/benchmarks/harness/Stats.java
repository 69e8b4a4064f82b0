package io.tenantry.benchmarks.harness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Small statistics helpers for ratios measured round by round. */
public final class Stats {

  private Stats() {}

  public static double geometricMean(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    double log = 0;
    for (double v : values) {
      log += Math.log(v);
    }
    return Math.exp(log / values.size());
  }

  public static double median(List<Double> values) {
    return quantile(values, 0.5);
  }

  /** Linear-interpolated quantile of a small sample. */
  public static double quantile(List<Double> values, double q) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = (int) Math.ceil(pos);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
  }

  /** Element-wise ratio of two equally long lists. */
  public static List<Double> ratios(List<Double> numerators, List<Double> denominators) {
    List<Double> r = new ArrayList<>();
    for (int i = 0; i < Math.min(numerators.size(), denominators.size()); i++) {
      r.add(numerators.get(i) / denominators.get(i));
    }
    return r;
  }
}
