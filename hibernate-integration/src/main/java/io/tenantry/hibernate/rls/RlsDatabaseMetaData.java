package io.tenantry.hibernate.rls;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;

/** Metadata whose {@link #getConnection()} is the wrapped connection; the rest is generated. */
abstract class RlsDatabaseMetaData implements DatabaseMetaData, Wrapping {

  final DatabaseMetaData target;
  final RlsConnection connection;

  RlsDatabaseMetaData(DatabaseMetaData target, RlsConnection connection) {
    this.target = target;
    this.connection = connection;
  }

  @Override
  public RlsConnection rls() {
    return connection;
  }

  @Override
  public Statement resultOwner() {
    return null;
  }

  @Override
  public Connection getConnection() {
    return connection;
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
