package io.tenantry.hibernate.rls;

import io.tenantry.core.internal.Bindings;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;

/**
 * A DataSource whose connections carry the bound tenant into every transaction as transaction-local
 * settings ({@link RlsSettings}). Created by {@link TenantryRls#dataSource(DataSource, DataSource)}.
 *
 * <p>While {@code Tenancy.asSystem} runs, connections come from the system DataSource (the explicit,
 * database-level mechanism: a login named in the policies), or, when none is configured, from the
 * application DataSource with empty settings, which shows no tenant rows at all.
 */
final class RlsDataSource implements DataSource {

  private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(RlsDataSource.class);

  private final DataSource app;
  private final DataSource system;
  private final AtomicBoolean warnedNoSystem = new AtomicBoolean();

  RlsDataSource(DataSource app, DataSource system) {
    this.app = app;
    this.system = system;
  }

  DataSource target() {
    return app;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return wrap(null, null);
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return wrap(username, password);
  }

  private Connection wrap(String user, String password) throws SQLException {
    boolean systemAccess = Bindings.isSystemAccess();
    if (systemAccess && system != null) {
      Connection c = user == null ? system.getConnection() : system.getConnection(user, password);
      return new RlsConnectionProxy(c, true);
    }
    if (systemAccess && warnedNoSystem.compareAndSet(false, true)) {
      LOG.warn("Tenancy.asSystem ran database work, but no system DataSource is configured: row-level security "
          + "shows it no tenant rows. Pass one to TenantryRls.dataSource(app, system) (see the README, 'System access').");
    }
    Connection c = user == null ? app.getConnection() : app.getConnection(user, password);
    return new RlsConnectionProxy(c, false);
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return app.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    app.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    app.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return app.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return app.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    return app.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || app.isWrapperFor(iface);
  }

  @Override
  public String toString() {
    return "TenantryRls[" + app + (system == null ? "" : ", system=" + system) + "]";
  }
}
