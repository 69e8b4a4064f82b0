package io.tenantry.hibernate.rls;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A result set that leads back only to wrappers: {@link #getStatement()} answers with the wrapped
 * statement that produced it (for a result set the driver produced itself, as metadata and arrays
 * do, its statement wrapped). The rest is generated ({@code RlsResultSetProxy}).
 */
abstract class RlsResultSet implements ResultSet, Wrapping {

  final ResultSet target;
  final RlsConnection connection;
  private Statement owner;

  RlsResultSet(ResultSet target, RlsConnection connection, Statement owner) {
    this.target = target;
    this.connection = connection;
    this.owner = owner;
  }

  @Override
  public RlsConnection rls() {
    return connection;
  }

  @Override
  public Statement resultOwner() {
    return owner;
  }

  @Override
  public Statement getStatement() throws SQLException {
    if (owner == null) {
      owner = connection.wrapStatement(target.getStatement());
    }
    return owner;
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    connection.unwrapped();
    return target.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || target.isWrapperFor(iface);
  }

  @Override
  public String toString() {
    return target.toString();
  }
}
