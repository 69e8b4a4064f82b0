package io.tenantry.spring.internal;

import io.tenantry.clusters.CompanyMovingException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.util.ClassUtils;

/**
 * Tells a broken or refused database connection (a restart, a network cut, an exhausted pool) from
 * other data-access failures, by the causes' JDBC types and SQLSTATE (class 08, connection
 * exception; 57P, operator intervention such as a terminated backend), or HikariCP's "Connection is
 * closed" for a connection it evicted after such a failure. Among them it names the one that is no
 * fault: a company being moved to another cluster ({@code tenantry-clusters}).
 *
 * <p>Internal.
 */
public final class ConnectionFailures {

  private static final boolean CLUSTERS_PRESENT = ClassUtils.isPresent(
      "io.tenantry.clusters.CompanyMovingException", ConnectionFailures.class.getClassLoader());
  private static final int MAX_DEPTH = 32;

  private ConnectionFailures() {}

  /** Whether {@code failure} or one of its causes is a connection failure. */
  public static boolean isConnectionFailure(Throwable failure) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth < MAX_DEPTH; t = t.getCause(), depth++) {
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

  /**
   * The company whose connection was refused because it is being moved to another cluster
   * ({@code io.tenantry.clusters.CompanyMovingException}, a connection failure that a retry after the move
   * answers), when that is {@code failure} or one of its causes. Always empty without {@code tenantry-clusters} on
   * the classpath (nothing of it is loaded then).
   *
   * @param failure what a data access threw
   * @return the moving company's id, or empty for any other failure
   */
  public static Optional<UUID> movingCompany(Throwable failure) {
    return CLUSTERS_PRESENT ? Moving.company(failure) : Optional.empty();
  }

  private static boolean brokenConnection(SQLException e) {
    String state = e.getSQLState();
    if (state != null) {
      return state.startsWith("08") || state.startsWith("57P");
    }
    // HikariCP's answer on a connection it already evicted carries no SQLSTATE
    return "Connection is closed".equals(e.getMessage());
  }

  /** Loaded only when {@code tenantry-clusters} is on the classpath. */
  private static final class Moving {

    static Optional<UUID> company(Throwable failure) {
      int depth = 0;
      for (Throwable t = failure; t != null && depth < MAX_DEPTH; t = t.getCause(), depth++) {
        if (t instanceof CompanyMovingException moving) {
          return Optional.ofNullable(moving.companyId());
        }
        for (Throwable suppressed : t.getSuppressed()) {
          if (suppressed instanceof CompanyMovingException moving) {
            return Optional.ofNullable(moving.companyId());
          }
        }
      }
      return Optional.empty();
    }
  }
}
