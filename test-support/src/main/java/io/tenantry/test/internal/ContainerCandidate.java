package io.tenantry.test.internal;

import io.tenantry.test.TestDatabase;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A Testcontainers PostgreSQL container, when {@code org.testcontainers:testcontainers-postgresql} is on the
 * classpath and Docker answers. Nothing here names a Testcontainers class, so this loads without it.
 */
final class ContainerCandidate implements Candidate {

  static final String CONTAINER_CLASS = "org.testcontainers.postgresql.PostgreSQLContainer";

  private final BooleanSupplier classesPresent;
  private final Supplier<String> dockerProblem;
  private final Callable<PostgresServer> starter;

  ContainerCandidate(BooleanSupplier classesPresent, Supplier<String> dockerProblem,
      Callable<PostgresServer> starter) {
    this.classesPresent = classesPresent;
    this.dockerProblem = dockerProblem;
    this.starter = starter;
  }

  static ContainerCandidate fromSystem() {
    return new ContainerCandidate(() -> present(CONTAINER_CLASS), ContainerCandidate::dockerProblem,
        Containers::start);
  }

  @Override
  public TestDatabase.Source source() {
    return TestDatabase.Source.TESTCONTAINERS;
  }

  @Override
  public String whyUnavailable() {
    if (!classesPresent.getAsBoolean()) {
      return "org.testcontainers:testcontainers-postgresql is not on the test classpath";
    }
    String problem = dockerProblem.get();
    return problem == null ? null : "Docker is not available: " + problem;
  }

  @Override
  public PostgresServer start() throws Exception {
    return starter.call();
  }

  /** Asks Testcontainers only when a Docker endpoint plausibly exists, so a machine without Docker stays quiet. */
  private static String dockerProblem() {
    String noEndpoint = DockerProbe.whyNoEndpoint();
    if (noEndpoint != null) {
      return noEndpoint;
    }
    try {
      return Containers.dockerAvailable() ? null : "Testcontainers found no working Docker environment";
    } catch (RuntimeException | LinkageError e) {
      return "Testcontainers could not check Docker: " + ServerChooser.messages(e);
    }
  }

  static boolean present(String className) {
    try {
      Class.forName(className, false, ContainerCandidate.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
