package io.tenantry.test.internal;

import io.tenantry.test.TestDatabase;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** The only class that touches Testcontainers; loaded only after its classes were found. */
final class Containers {

  static final String IMAGE = "postgres:15-alpine";

  private Containers() {
  }

  static boolean dockerAvailable() {
    return DockerClientFactory.instance().isDockerAvailable();
  }

  static PostgresServer start() {
    PostgreSQLContainer container = new PostgreSQLContainer(IMAGE);
    container.start();
    return new PostgresServer(TestDatabase.Source.TESTCONTAINERS, container.getJdbcUrl(),
        container.getUsername(), container.getPassword(), container::stop);
  }
}
