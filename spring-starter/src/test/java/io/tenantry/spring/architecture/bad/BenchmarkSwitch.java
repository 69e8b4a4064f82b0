package io.tenantry.spring.architecture.bad;

/** Breaks LibraryRules on purpose: a property that would turn isolation off for a benchmark. */
public class BenchmarkSwitch {

  public static final String PROPERTY = "tenantry.benchmark.scoping-off";

  public boolean off(java.util.Properties settings) {
    return Boolean.parseBoolean(settings.getProperty(PROPERTY));
  }
}
