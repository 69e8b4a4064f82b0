package io.tenantry.examples.pos.archfixture;

/** Breaks ArchitectureTest's benchmark rule on purpose: the switch's name says benchmark only in a string. */
public class QuietSwitch {

  public boolean off(java.util.Properties settings) {
    return Boolean.parseBoolean(settings.getProperty("pos.isolation-off-for-BENCHMARKS"));
  }
}
