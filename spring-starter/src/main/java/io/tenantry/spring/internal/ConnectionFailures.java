package io.tenantry.spring.internal;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells a broken or refused database connection (a restart, a network cut, an exhausted pool) from
 * other data-access failures, by the causes' JDBC types and SQLSTATE (class 08, connection
 * exception; 57P, operator intervention such as a terminated backend), or HikariCP's "Connection is
 * closed" for a connection it evicted after such a failure.
 *
 * <p>Internal.
 */
public final class ConnectionFailures {

  private ConnectionFailures() {}

  /** Whether {@code failure} or one of its causes is a connection failure. */
  public static boolean isConnectionFailure(Throwable failure) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
      if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
          || t instanceof SQLRecoverableException) {
        return true;
      }
      if (t instanceof SQLException sql && brokenConnection(sql)) {
        return true;
      }
      for (Throwable suppressed : t.getSuppressed()) {
        if (suppressed instanceof SQLException sql && brokenConnection(sql)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean brokenConnection(SQLException e) {
    String state = e.getSQLState();
    if (state != null) {
      return state.startsWith("08") || state.startsWith("57P");
    }
    // HikariCP's answer on a connection it already evicted carries no SQLSTATE
    return "Connection is closed".equals(e.getMessage());
  }
}
