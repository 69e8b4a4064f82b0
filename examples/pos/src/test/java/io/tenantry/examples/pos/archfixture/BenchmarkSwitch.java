package io.tenantry.examples.pos.archfixture;

/** Breaks ArchitectureTest's benchmark rule on purpose: a property that would turn isolation off for a benchmark. */
public class BenchmarkSwitch {

  public static final String PROPERTY = "pos.benchmark.isolation-off";

  public boolean off(java.util.Properties settings) {
    return Boolean.parseBoolean(settings.getProperty(PROPERTY));
  }
}
