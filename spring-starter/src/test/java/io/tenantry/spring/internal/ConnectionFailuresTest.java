package io.tenantry.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantry.clusters.CompanyMovingException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ConnectionFailuresTest {

  @Test
  void brokenConnections_anywhereInTheCauses_areConnectionFailures() {
    assertThat(ConnectionFailures.isConnectionFailure(new SQLException("terminating connection", "57P01"))).isTrue();
    assertThat(ConnectionFailures.isConnectionFailure(
        new RuntimeException("commit failed", new RuntimeException(new SQLException("I/O error", "08006"))))).isTrue();
    assertThat(ConnectionFailures.isConnectionFailure(new SQLTransientConnectionException("pool timeout"))).isTrue();
    assertThat(ConnectionFailures.isConnectionFailure(new SQLException("Connection is closed"))).isTrue();
    RuntimeException rollback = new RuntimeException("Unable to rollback");
    rollback.addSuppressed(new SQLException("This connection has been closed.", "08003"));
    assertThat(ConnectionFailures.isConnectionFailure(rollback)).isTrue();
  }

  @Test
  void otherFailures_areNot() {
    assertThat(ConnectionFailures.isConnectionFailure(new SQLException("duplicate key", "23505"))).isFalse();
    assertThat(ConnectionFailures.isConnectionFailure(new SQLException("no such table", "42P01"))).isFalse();
    assertThat(ConnectionFailures.isConnectionFailure(new SQLException("something"))).isFalse();
    assertThat(ConnectionFailures.isConnectionFailure(new IllegalStateException("bug"))).isFalse();
  }

  @Test
  void aMovingCompany_isAConnectionFailure_namedWithItsCompany() {
    UUID company = UUID.randomUUID();
    RuntimeException wrapped = new RuntimeException("could not open", new CompanyMovingException(company, "home"));
    assertThat(ConnectionFailures.isConnectionFailure(wrapped)).isTrue();
    assertThat(ConnectionFailures.movingCompany(wrapped)).contains(company);
    RuntimeException rollback = new RuntimeException("Unable to rollback");
    rollback.addSuppressed(new CompanyMovingException(company, "home"));
    assertThat(ConnectionFailures.movingCompany(rollback)).contains(company);
    // PostgreSQL's own "cannot connect now" (same SQLSTATE 57P03) is a failed connection, not a move
    assertThat(ConnectionFailures.movingCompany(new SQLTransientConnectionException("starting up", "57P03"))).isEmpty();
    assertThat(ConnectionFailures.movingCompany(new SQLException("terminating connection", "57P01"))).isEmpty();
  }
}
