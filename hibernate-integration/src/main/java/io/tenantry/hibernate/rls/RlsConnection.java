package io.tenantry.hibernate.rls;

import io.tenantry.core.TenantContext;
import io.tenantry.core.TenantIsolationException;
import io.tenantry.core.internal.Bindings;
import io.tenantry.core.internal.SystemAccess;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.ShardingKey;
import java.sql.Statement;
import java.sql.Struct;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

/**
 * A connection that carries the bound tenant: the first statement of every transaction (and every
 * statement in auto-commit mode) carries the tenant settings, transaction-locally and from bound
 * parameters. A plain prepared statement carries them in its own round trip
 * ({@link RlsPreparedStatement}); anything else (plain statements, batches, calls) gets a separate
 * {@code select set_config(...)} first, and in auto-commit mode runs inside a short explicit
 * transaction. The connection forgets what it applied on commit, rollback and any change of
 * auto-commit, so nothing is assumed to survive a transaction, and re-applies whenever the binding
 * is not the one it applied.
 *
 * <p>A plain delegating class, like the statements it hands out: every query takes this path, and
 * reflection proxies cost client CPU on each of its JDBC calls.
 */
final class RlsConnection implements Connection {

  private static final Object NONE = new Object();

  private final Connection target;
  private final boolean system;
  private Object applied = NONE;

  RlsConnection(Connection target, boolean system) {
    this.target = target;
    this.system = system;
  }

  /** One execute* call of a statement, which {@link #execute} runs with the settings in force. */
  @FunctionalInterface
  interface Execution<T> {
    T run() throws SQLException;
  }

  /**
   * The settings a statement must carry now, or {@code null} when the transaction already has
   * them (or the connection is the system login). Throws when a system connection is used outside
   * system access.
   */
  String[] settingsToCarry() throws SQLException {
    Object binding = Bindings.current();
    if (system) {
      requireSystem(binding);
      return null;
    }
    if (!target.getAutoCommit() && binding == applied) {
      return null;
    }
    return values(binding);
  }

  /** Records that the settings of the current binding now hold until the transaction ends. */
  void carried() throws SQLException {
    if (!target.getAutoCommit()) {
      applied = Bindings.current();
    }
  }

  private static void requireSystem(Object binding) {
    if (!(binding instanceof SystemAccess)) {
      throw new TenantIsolationException("A system-access connection was used outside Tenancy.asSystem: "
          + "acquire connections inside the system task and release them before it ends.");
    }
  }

  /** Runs one execute* call of {@code statement} (the driver's) with the binding's settings in force. */
  <T> T execute(Statement statement, Execution<T> execution) throws SQLException {
    Object binding = Bindings.current();
    if (system) {
      requireSystem(binding);
      return execution.run();
    }
    if (!target.getAutoCommit()) {
      if (binding != applied) {
        apply(binding);
      }
      return execution.run();
    }
    // auto-commit: run the statement in its own transaction so transaction-local settings apply
    int fetchSize = statement.getFetchSize();
    target.setAutoCommit(false);
    try {
      apply(binding);
      statement.setFetchSize(0); // read everything before commit, as auto-commit would have
      T result = execution.run();
      target.commit();
      return result;
    } catch (Throwable t) {
      try {
        target.rollback();
      } catch (SQLException e) {
        t.addSuppressed(e);
      }
      throw t;
    } finally {
      applied = NONE;
      statement.setFetchSize(fetchSize);
      target.setAutoCommit(true);
    }
  }

  private void apply(Object binding) throws SQLException {
    String[] values = values(binding);
    try (PreparedStatement ps = target.prepareStatement(RlsSettings.APPLY_SQL)) {
      for (int i = 0; i < values.length; i++) {
        ps.setString(i + 1, values[i]);
      }
      ps.execute();
    }
    applied = binding;
  }

  /** The four setting values of a binding, in {@link RlsSettings#APPLY_SQL} order. */
  static String[] values(Object binding) {
    String company = "";
    String stores = "";
    String allStores = "off";
    String register = "";
    if (binding instanceof TenantContext) {
      TenantContext ctx = (TenantContext) binding;
      company = ctx.companyId().toString();
      if (ctx.storeId().isPresent()) {
        stores = ctx.storeId().get().toString();
      } else if (ctx.allStoresGranted()) {
        allStores = "on";
      } else {
        stores = ctx.grantedStoreIds().stream().map(UUID::toString).collect(Collectors.joining(","));
      }
      register = ctx.registerId().map(UUID::toString).orElse("");
    }
    return new String[] {company, stores, allStores, register};
  }

  // ---- the wrapper itself -----------------------------------------------------------------------

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return iface.isInstance(this) ? iface.cast(this) : target.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || target.isWrapperFor(iface);
  }

  @Override
  public String toString() {
    return "TenantryRls[" + target + "]";
  }

  // ---- statements: every one carries the settings -----------------------------------------------

  @Override
  public Statement createStatement() throws SQLException {
    return new RlsStatement(target.createStatement(), this);
  }

  @Override
  public Statement createStatement(int resultSetType, int resultSetConcurrency) throws SQLException {
    return new RlsStatement(target.createStatement(resultSetType, resultSetConcurrency), this);
  }

  @Override
  public Statement createStatement(int resultSetType, int resultSetConcurrency, int resultSetHoldability)
      throws SQLException {
    return new RlsStatement(
        target.createStatement(resultSetType, resultSetConcurrency, resultSetHoldability), this);
  }

  @Override
  public PreparedStatement prepareStatement(String sql) throws SQLException {
    return new RlsPreparedStatement(target.prepareStatement(sql), this,
        () -> target.prepareStatement(PiggybackablePrepare.withSettings(sql)));
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
    return new RlsPreparedStatement(target.prepareStatement(sql, autoGeneratedKeys), this, null);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
    return new RlsPreparedStatement(target.prepareStatement(sql, columnIndexes), this, null);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
    return new RlsPreparedStatement(target.prepareStatement(sql, columnNames), this, null);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency)
      throws SQLException {
    return new RlsPreparedStatement(target.prepareStatement(sql, resultSetType, resultSetConcurrency), this,
        () -> target.prepareStatement(PiggybackablePrepare.withSettings(sql), resultSetType, resultSetConcurrency));
  }

  @Override
  public PreparedStatement prepareStatement(
      String sql, int resultSetType, int resultSetConcurrency, int resultSetHoldability) throws SQLException {
    PreparedStatement s = target.prepareStatement(sql, resultSetType, resultSetConcurrency, resultSetHoldability);
    return new RlsPreparedStatement(s, this, () -> target.prepareStatement(PiggybackablePrepare.withSettings(sql),
        resultSetType, resultSetConcurrency, resultSetHoldability));
  }

  @Override
  public CallableStatement prepareCall(String sql) throws SQLException {
    return new RlsCallableStatement(target.prepareCall(sql), this);
  }

  @Override
  public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency) throws SQLException {
    return new RlsCallableStatement(target.prepareCall(sql, resultSetType, resultSetConcurrency), this);
  }

  @Override
  public CallableStatement prepareCall(
      String sql, int resultSetType, int resultSetConcurrency, int resultSetHoldability) throws SQLException {
    return new RlsCallableStatement(
        target.prepareCall(sql, resultSetType, resultSetConcurrency, resultSetHoldability), this);
  }

  // ---- the end of a transaction: forget what was applied ----------------------------------------

  @Override
  public void setAutoCommit(boolean autoCommit) throws SQLException {
    applied = NONE;
    target.setAutoCommit(autoCommit);
  }

  @Override
  public void commit() throws SQLException {
    applied = NONE;
    target.commit();
  }

  @Override
  public void rollback() throws SQLException {
    applied = NONE;
    target.rollback();
  }

  @Override
  public void close() throws SQLException {
    applied = NONE;
    target.close();
  }

  // ---- everything else is the target's ----------------------------------------------------------

  @Override
  public String nativeSQL(String sql) throws SQLException {
    return target.nativeSQL(sql);
  }

  @Override
  public boolean getAutoCommit() throws SQLException {
    return target.getAutoCommit();
  }

  @Override
  public boolean isClosed() throws SQLException {
    return target.isClosed();
  }

  @Override
  public DatabaseMetaData getMetaData() throws SQLException {
    return target.getMetaData();
  }

  @Override
  public void setReadOnly(boolean readOnly) throws SQLException {
    target.setReadOnly(readOnly);
  }

  @Override
  public boolean isReadOnly() throws SQLException {
    return target.isReadOnly();
  }

  @Override
  public void setCatalog(String catalog) throws SQLException {
    target.setCatalog(catalog);
  }

  @Override
  public String getCatalog() throws SQLException {
    return target.getCatalog();
  }

  @Override
  public void setTransactionIsolation(int level) throws SQLException {
    target.setTransactionIsolation(level);
  }

  @Override
  public int getTransactionIsolation() throws SQLException {
    return target.getTransactionIsolation();
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    return target.getWarnings();
  }

  @Override
  public void clearWarnings() throws SQLException {
    target.clearWarnings();
  }

  @Override
  public Map<String, Class<?>> getTypeMap() throws SQLException {
    return target.getTypeMap();
  }

  @Override
  public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
    target.setTypeMap(map);
  }

  @Override
  public void setHoldability(int holdability) throws SQLException {
    target.setHoldability(holdability);
  }

  @Override
  public int getHoldability() throws SQLException {
    return target.getHoldability();
  }

  @Override
  public Savepoint setSavepoint() throws SQLException {
    return target.setSavepoint();
  }

  @Override
  public Savepoint setSavepoint(String name) throws SQLException {
    return target.setSavepoint(name);
  }

  @Override
  public void rollback(Savepoint savepoint) throws SQLException {
    target.rollback(savepoint);
  }

  @Override
  public void releaseSavepoint(Savepoint savepoint) throws SQLException {
    target.releaseSavepoint(savepoint);
  }

  @Override
  public Clob createClob() throws SQLException {
    return target.createClob();
  }

  @Override
  public Blob createBlob() throws SQLException {
    return target.createBlob();
  }

  @Override
  public NClob createNClob() throws SQLException {
    return target.createNClob();
  }

  @Override
  public SQLXML createSQLXML() throws SQLException {
    return target.createSQLXML();
  }

  @Override
  public boolean isValid(int timeout) throws SQLException {
    return target.isValid(timeout);
  }

  @Override
  public void setClientInfo(String name, String value) throws SQLClientInfoException {
    target.setClientInfo(name, value);
  }

  @Override
  public void setClientInfo(Properties properties) throws SQLClientInfoException {
    target.setClientInfo(properties);
  }

  @Override
  public String getClientInfo(String name) throws SQLException {
    return target.getClientInfo(name);
  }

  @Override
  public Properties getClientInfo() throws SQLException {
    return target.getClientInfo();
  }

  @Override
  public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
    return target.createArrayOf(typeName, elements);
  }

  @Override
  public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
    return target.createStruct(typeName, attributes);
  }

  @Override
  public void setSchema(String schema) throws SQLException {
    target.setSchema(schema);
  }

  @Override
  public String getSchema() throws SQLException {
    return target.getSchema();
  }

  @Override
  public void abort(Executor executor) throws SQLException {
    target.abort(executor);
  }

  @Override
  public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
    target.setNetworkTimeout(executor, milliseconds);
  }

  @Override
  public int getNetworkTimeout() throws SQLException {
    return target.getNetworkTimeout();
  }

  @Override
  public void beginRequest() throws SQLException {
    target.beginRequest();
  }

  @Override
  public void endRequest() throws SQLException {
    target.endRequest();
  }

  @Override
  public boolean setShardingKeyIfValid(ShardingKey shardingKey, ShardingKey superShardingKey, int timeout)
      throws SQLException {
    return target.setShardingKeyIfValid(shardingKey, superShardingKey, timeout);
  }

  @Override
  public boolean setShardingKeyIfValid(ShardingKey shardingKey, int timeout) throws SQLException {
    return target.setShardingKeyIfValid(shardingKey, timeout);
  }

  @Override
  public void setShardingKey(ShardingKey shardingKey, ShardingKey superShardingKey) throws SQLException {
    target.setShardingKey(shardingKey, superShardingKey);
  }

  @Override
  public void setShardingKey(ShardingKey shardingKey) throws SQLException {
    target.setShardingKey(shardingKey);
  }
}
