package io.tenantry.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
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
}
