package io.tenantry.test.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Not API. The one PostgreSQL server of this JVM, chosen on first use and stopped by a shutdown hook. A failed
 * choice is remembered, so later test classes fail at once with the same message instead of trying again.
 */
public final class SharedServer {

  private static final Logger LOG = LoggerFactory.getLogger(SharedServer.class);

  private static PostgresServer server;
  private static RuntimeException failure;

  private SharedServer() {
  }

  /**
   * The server, chosen and started on the first call.
   *
   * @return the running server
   * @throws IllegalStateException if no source could provide one, saying how to provide one
   */
  public static synchronized PostgresServer get() {
    if (server != null) {
      return server;
    }
    if (failure != null) {
      throw new IllegalStateException(failure.getMessage(), failure);
    }
    long started = System.nanoTime();
    try {
      server = ServerChooser.standard().choose();
    } catch (RuntimeException e) {
      failure = e;
      throw e;
    }
    PostgresServer chosen = server;
    Runtime.getRuntime().addShutdownHook(new Thread(chosen::stop, "tenantry-postgres-stop"));
    LOG.info("Tenantry tests use {} PostgreSQL {} at {} as {} (ready in {} ms)", chosen.source(), version(chosen),
        chosen.jdbcUrl(""), chosen.adminUser(), (System.nanoTime() - started) / 1_000_000);
    return chosen;
  }

  private static String version(PostgresServer server) {
    try (Connection connection = server.connectMaintenance(); Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SHOW server_version")) {
      row.next();
      return row.getString(1);
    } catch (SQLException e) {
      return "(version unknown: " + e.getMessage() + ")";
    }
  }
}
