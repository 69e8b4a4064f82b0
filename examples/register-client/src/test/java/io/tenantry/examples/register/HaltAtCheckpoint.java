package io.tenantry.examples.register;

/**
 * Deterministic crash points for the kill tests, which run the CLI as a separate JVM on the test class
 * path: the system property {@value #PROPERTY} names a {@link Checkpoints} checkpoint at which the process
 * halts (like {@code kill -9}: no shutdown hooks, no rollback by the CLI). Registered in
 * {@code META-INF/services} of the test resources, so it never ships.
 */
public final class HaltAtCheckpoint implements Checkpoints.Observer {

  static final String PROPERTY = "tenantry.register.test.halt";
  /** The exit status of a halted process. */
  static final int HALT_STATUS = 99;

  @Override
  public void reached(String checkpoint) {
    if (checkpoint.equals(System.getProperty(PROPERTY))) {
      Runtime.getRuntime().halt(HALT_STATUS);
    }
  }
}
