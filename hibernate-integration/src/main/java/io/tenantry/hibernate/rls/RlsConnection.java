package io.tenantry.hibernate.rls;

import io.tenantry.core.internal.Binding;
import io.tenantry.core.TenantContext;
import io.tenantry.core.TenantIsolationException;
import io.tenantry.core.internal.Bindings;
import io.tenantry.core.internal.SystemAccess;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.sql.Array;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A connection that carries the bound tenant: the first statement of every transaction (and every
 * statement in auto-commit mode) carries the tenant settings, transaction-locally and from bound
 * parameters. A plain prepared statement carries them in its own round trip
 * ({@link RlsPreparedStatement}); anything else (plain statements, batches, calls) gets a separate
 * {@code select set_config(...)} first. In auto-commit mode every statement runs inside a short
 * explicit transaction, so that nothing between the settings and the statement (the driver may
 * send a Sync there, {@link PiggybackablePrepare}) can end the transaction that carries them.
 *
 * <p>The invariant: the connection's {@code applied} names the binding whose settings are in force
 * in the current transaction, or nothing, and is never wrong. It is forgotten on commit, rollback,
 * any change of auto-commit and any SQL that controls the transaction or the settings
 * ({@link TransactionControl}); each savepoint remembers it, and {@code rollback(Savepoint)} restores
 * what was in force when the savepoint was set, as the database does.
 *
 * <p>Between borrowers ({@link #close()} is the return to the pool): when the borrower ran SQL that
 * may leave state on the session ({@link TransactionControl#SESSION_STATE}: anything but plain queries
 * and DML calling known built-in functions), made a call or reached the driver through {@code unwrap},
 * one query asks the server whether the session carries state that outlives a transaction (a
 * {@code WITH HOLD} cursor, a temporary object, {@code LISTEN}, an SQL-level prepared statement,
 * Tenantry's settings or a role set for the session) and releases its advisory locks; only when it
 * carries some is it reset, with the subset of {@code DISCARD ALL} that keeps the driver's own
 * prepared statements. A connection whose state cannot be checked is aborted, never returned.
 *
 * <p>Only behaviour is written here; the pass-through methods are generated
 * ({@code RlsConnectionProxy}, {@link JdbcProxyGenerator}-written), without reflection at run time.
 */
abstract class RlsConnection implements Connection, Wrapping {

  private static final Object NONE = new Object();

  /**
   * Run outside a transaction on the way back to the pool. Column 1: whether the session carries
   * state that outlives a transaction and reaches the next borrower: a {@code WITH HOLD} cursor, a
   * {@code LISTEN}, a temporary object (looked for only once the session has a temporary schema),
   * Tenantry's settings set for the session, a role set for the session. Column 2: the statements
   * prepared with SQL {@code PREPARE} (the driver's own are protocol-level and stay). Column 3 releases
   * the session's advisory locks, which costs less than looking for them. Session settings other
   * than Tenantry's carry no tenant and are left to the pool (it resets isolation and read-only, and
   * {@code RESET ALL} would undo the defaults it configured).
   */
  static final String STATE_PROBE_SQL = "select exists (select 1 from pg_cursors where is_holdable)"
      + " or exists (select 1 from pg_listening_channels())"
      + " or case when pg_my_temp_schema() = 0 then false else"
      + " exists (select 1 from pg_class where relnamespace = pg_my_temp_schema())"
      + " or exists (select 1 from pg_proc where pronamespace = pg_my_temp_schema())"
      + " or exists (select 1 from pg_type where typnamespace = pg_my_temp_schema()) end"
      + " or coalesce(current_setting('" + RlsSettings.COMPANY + "', true), '') <> ''"
      + " or coalesce(current_setting('" + RlsSettings.STORES + "', true), '') <> ''"
      + " or coalesce(current_setting('" + RlsSettings.ALL_STORES + "', true), '') not in ('', 'off')"
      + " or coalesce(current_setting('" + RlsSettings.REGISTER + "', true), '') <> ''"
      + " or current_user <> session_user,"
      + " array(select name from pg_prepared_statements where from_sql),"
      + " pg_advisory_unlock_all()";
  /** The part of DISCARD ALL that reaches the next borrower, without DEALLOCATE ALL (the driver's statements stay prepared) or RESET ALL. */
  static final String RESET_SQL = "close all; unlisten *; discard temp; discard sequences; set session authorization default;"
      + " reset role; reset " + RlsSettings.COMPANY + "; reset " + RlsSettings.STORES + "; reset " + RlsSettings.ALL_STORES
      + "; reset " + RlsSettings.REGISTER;

  /** pgjdbc's notification queue, read when present: notifications already received are client-side state. */
  private static final Class<?> PG_CONNECTION;
  private static final MethodHandle GET_NOTIFICATIONS;

  static {
    Class<?> pg = null;
    MethodHandle get = null;
    try {
      pg = Class.forName("org.postgresql.PGConnection", false, RlsConnection.class.getClassLoader());
      get = MethodHandles.publicLookup().findVirtual(pg, "getNotifications",
          MethodType.methodType(Class.forName("[Lorg.postgresql.PGNotification;", false, pg.getClassLoader())));
    } catch (ReflectiveOperationException | LinkageError e) {
      pg = null; // another driver: nothing to drain
    }
    PG_CONNECTION = pg;
    GET_NOTIFICATIONS = get;
  }

  final Connection target;
  private final boolean system;
  private Object applied = NONE;
  /** Savepoints set through this connection, oldest first, and what was applied when each was set. */
  private Savepoint[] savepoints;
  private Object[] appliedAtSavepoint;
  private int savepointCount;
  /**
   * Whether the borrower did anything that may leave state on the session: SQL that
   * {@link TransactionControl} cannot vouch for, a call, or a reach past the wrapper to the driver.
   */
  private boolean used;
  /** Whether SQL that controls the transaction or the session (LISTEN among it) ran. */
  private boolean sqlControl;
  private boolean closed;

  RlsConnection(Connection target, boolean system) {
    this.target = target;
    this.system = system;
  }

  @Override
  public RlsConnection rls() {
    return this;
  }

  @Override
  public Statement resultOwner() {
    return null;
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
    Binding binding = Bindings.current();
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

  /** Commit, rollback or a change of auto-commit: nothing is known to be in force any more. */
  void forget() {
    applied = NONE;
    savepointCount = 0;
  }

  /** SQL changed the transaction, the settings or the session ({@link TransactionControl}). */
  void forgetAfterSql() {
    forget();
    sqlControl = true;
  }

  /**
   * Classifies SQL about to be prepared or run ({@link TransactionControl#classify}): SQL that may leave
   * state on the session marks the connection for the check on its way back to the pool. Returns
   * whether it controls the transaction or the settings.
   */
  boolean classified(String sql) throws SQLException {
    int kind = TransactionControl.classify(sql);
    if ((kind & TransactionControl.SESSION_STATE) != 0) {
      used = true;
    }
    return (kind & TransactionControl.CONTROL) != 0;
  }

  /** The caller reached the driver's objects: their effects on the session are not seen here. */
  void unwrapped() {
    used = true;
  }

  private static void requireSystem(Binding binding) {
    if (!(binding instanceof SystemAccess)) {
      throw new TenantIsolationException("A system-access connection was used outside Tenancy.runAsSystem/supplyAsSystem: "
          + "acquire connections inside the system task and release them before it ends.");
    }
  }

  /** Runs one execute* call of {@code statement} (the driver's) with the binding's settings in force. */
  <T> T execute(Statement statement, Execution<T> execution) throws SQLException {
    Binding binding = Bindings.current();
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
    return inOwnTransaction(statement, () -> {
      apply(binding);
      return execution.run();
    });
  }

  /**
   * Runs an auto-commit statement in a transaction of its own, so transaction-local settings apply
   * to it however the driver splits the messages (a Sync ends an implicit transaction, not an explicit one).
   * The driver sends the BEGIN with the first statement, so the transaction costs the commit's round trip.
   */
  <T> T inOwnTransaction(Statement statement, Execution<T> execution) throws SQLException {
    int fetchSize = statement.getFetchSize();
    target.setAutoCommit(false);
    try {
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

  private void apply(Binding binding) throws SQLException {
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
  static String[] values(Binding binding) {
    String company = "";
    String stores = "";
    String allStores = "off";
    String register = "";
    if (binding instanceof Binding.Tenant tenant) {
      TenantContext ctx = tenant.context();
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

  // ---- what leads back: wrapped ------------------------------------------------------------------

  ResultSet wrapResultSet(ResultSet rs, Statement owner) {
    return rs == null || rs instanceof RlsResultSet ? rs : new RlsResultSetProxy(rs, this, owner);
  }

  Array wrapArray(Array array) {
    return array == null || array instanceof RlsArray ? array : new RlsArrayProxy(array, this);
  }

  DatabaseMetaData wrapMetaData(DatabaseMetaData metaData) {
    return metaData == null || metaData instanceof RlsDatabaseMetaData ? metaData
        : new RlsDatabaseMetaDataProxy(metaData, this);
  }

  /** A statement the driver made itself (behind a metadata or array result set), wrapped: it carries the settings too. */
  Statement wrapStatement(Statement statement) {
    if (statement == null || statement instanceof RlsStatement) {
      return statement;
    }
    used = true;
    if (statement instanceof CallableStatement) {
      return new RlsCallableStatementProxy((CallableStatement) statement, this);
    }
    if (statement instanceof PreparedStatement) {
      return new RlsPreparedStatementProxy((PreparedStatement) statement, this, null, false);
    }
    return new RlsStatementProxy(statement, this);
  }

  /** A value of unknown type ({@code getObject}): wrapped when it leads back to the database. */
  Object wrapObject(Object value, Statement owner) {
    // the common case first: a column value (a UUID, a string, a number) is neither; every JDBC
    // object that leads back to the database but Array is a java.sql.Wrapper
    if (!(value instanceof java.sql.Wrapper) && !(value instanceof Array)) {
      return value;
    }
    if (value instanceof ResultSet) {
      return wrapResultSet((ResultSet) value, owner);
    }
    if (value instanceof Array) {
      return wrapArray((Array) value);
    }
    if (value instanceof Statement) {
      return wrapStatement((Statement) value);
    }
    if (value instanceof Connection) {
      return this;
    }
    if (value instanceof DatabaseMetaData) {
      return wrapMetaData((DatabaseMetaData) value);
    }
    return value;
  }

  // ---- the wrapper itself -----------------------------------------------------------------------

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    used = true;
    return target.unwrap(iface);
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
    return new RlsStatementProxy(target.createStatement(), this);
  }

  @Override
  public Statement createStatement(int resultSetType, int resultSetConcurrency) throws SQLException {
    return new RlsStatementProxy(target.createStatement(resultSetType, resultSetConcurrency), this);
  }

  @Override
  public Statement createStatement(int resultSetType, int resultSetConcurrency, int resultSetHoldability)
      throws SQLException {
    return new RlsStatementProxy(
        target.createStatement(resultSetType, resultSetConcurrency, resultSetHoldability), this);
  }

  @Override
  public PreparedStatement prepareStatement(String sql) throws SQLException {
    boolean control = classified(sql);
    return new RlsPreparedStatementProxy(target.prepareStatement(sql), this,
        () -> target.prepareStatement(PiggybackablePrepare.withSettings(sql)), control);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
    boolean control = classified(sql);
    return new RlsPreparedStatementProxy(target.prepareStatement(sql, autoGeneratedKeys), this, null, control);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
    boolean control = classified(sql);
    return new RlsPreparedStatementProxy(target.prepareStatement(sql, columnIndexes), this, null, control);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
    boolean control = classified(sql);
    return new RlsPreparedStatementProxy(target.prepareStatement(sql, columnNames), this, null, control);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency)
      throws SQLException {
    boolean control = classified(sql);
    return new RlsPreparedStatementProxy(target.prepareStatement(sql, resultSetType, resultSetConcurrency), this,
        () -> target.prepareStatement(PiggybackablePrepare.withSettings(sql), resultSetType, resultSetConcurrency),
        control);
  }

  @Override
  public PreparedStatement prepareStatement(
      String sql, int resultSetType, int resultSetConcurrency, int resultSetHoldability) throws SQLException {
    boolean control = classified(sql);
    PreparedStatement s = target.prepareStatement(sql, resultSetType, resultSetConcurrency, resultSetHoldability);
    return new RlsPreparedStatementProxy(s, this, () -> target.prepareStatement(PiggybackablePrepare.withSettings(sql),
        resultSetType, resultSetConcurrency, resultSetHoldability), control);
  }

  @Override
  public CallableStatement prepareCall(String sql) throws SQLException {
    used = true;
    boolean control = TransactionControl.check(sql);
    return new RlsCallableStatementProxy(target.prepareCall(sql), this, control);
  }

  @Override
  public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency) throws SQLException {
    used = true;
    boolean control = TransactionControl.check(sql);
    return new RlsCallableStatementProxy(target.prepareCall(sql, resultSetType, resultSetConcurrency), this, control);
  }

  @Override
  public CallableStatement prepareCall(
      String sql, int resultSetType, int resultSetConcurrency, int resultSetHoldability) throws SQLException {
    used = true;
    boolean control = TransactionControl.check(sql);
    return new RlsCallableStatementProxy(
        target.prepareCall(sql, resultSetType, resultSetConcurrency, resultSetHoldability), this, control);
  }

  // ---- the end of a transaction: forget what was applied ----------------------------------------

  @Override
  public void setAutoCommit(boolean autoCommit) throws SQLException {
    forget();
    target.setAutoCommit(autoCommit);
  }

  @Override
  public void commit() throws SQLException {
    forget();
    target.commit();
  }

  @Override
  public void rollback() throws SQLException {
    forget();
    target.rollback();
  }

  // ---- savepoints: each remembers what was in force -----------------------------------------------

  @Override
  public Savepoint setSavepoint() throws SQLException {
    return remember(target.setSavepoint());
  }

  @Override
  public Savepoint setSavepoint(String name) throws SQLException {
    return remember(target.setSavepoint(name));
  }

  private Savepoint remember(Savepoint savepoint) {
    if (savepoints == null) {
      savepoints = new Savepoint[4];
      appliedAtSavepoint = new Object[4];
    } else if (savepointCount == savepoints.length) {
      savepoints = Arrays.copyOf(savepoints, savepointCount * 2);
      appliedAtSavepoint = Arrays.copyOf(appliedAtSavepoint, savepointCount * 2);
    }
    savepoints[savepointCount] = savepoint;
    appliedAtSavepoint[savepointCount++] = applied;
    return savepoint;
  }

  private int indexOf(Savepoint savepoint) {
    for (int i = savepointCount - 1; i >= 0; i--) {
      if (savepoints[i] == savepoint) {
        return i;
      }
    }
    return -1;
  }

  /** The database undoes every set_config since the savepoint: so does the record of what is in force. */
  @Override
  public void rollback(Savepoint savepoint) throws SQLException {
    int i = indexOf(savepoint);
    Object restored = i < 0 ? NONE : appliedAtSavepoint[i];
    applied = NONE; // unknown until the rollback is known to have happened
    target.rollback(savepoint);
    if (i >= 0) {
      applied = restored;
      savepointCount = i + 1; // the savepoint stays; later ones are gone
    }
  }

  /** Releasing keeps what was set since the savepoint; the savepoint and later ones are gone. */
  @Override
  public void releaseSavepoint(Savepoint savepoint) throws SQLException {
    int i = indexOf(savepoint);
    target.releaseSavepoint(savepoint);
    if (i >= 0) {
      savepointCount = i;
    }
  }

  // ---- the return to the pool: reset what the session carries ---------------------------------------

  @Override
  public void close() throws SQLException {
    if (closed) {
      return;
    }
    closed = true;
    forget();
    if (used && !target.isClosed()) {
      try {
        resetSession();
      } catch (SQLException | RuntimeException e) {
        // what the session carries is unknown: it must not reach the next borrower
        try {
          target.abort(Runnable::run);
        } catch (SQLException | RuntimeException abort) {
          e.addSuppressed(abort);
        }
        try {
          target.close();
        } catch (SQLException close) {
          e.addSuppressed(close);
        }
        throw e;
      }
    }
    target.close();
  }

  @Override
  public boolean isClosed() throws SQLException {
    return closed || target.isClosed();
  }

  /** Ends an open transaction (as pools do), then resets the session when it carries state. */
  private void resetSession() throws SQLException {
    boolean autoCommit = target.getAutoCommit();
    if (!autoCommit) {
      target.rollback();
      target.setAutoCommit(true);
    }
    boolean carries;
    String[] sqlPrepared;
    // prepared, so the driver keeps it server-prepared on this connection and the server plans it once
    try (PreparedStatement st = target.prepareStatement(STATE_PROBE_SQL); ResultSet rs = st.executeQuery()) {
      rs.next();
      sqlPrepared = (String[]) rs.getArray(2).getArray();
      carries = rs.getBoolean(1) || sqlPrepared.length > 0;
    }
    if (carries) {
      try (Statement st = target.createStatement()) {
        for (String name : sqlPrepared) {
          st.execute("deallocate " + st.enquoteIdentifier(name, true));
        }
        st.execute(RESET_SQL);
      }
    }
    // notifications the driver already received reach whoever reads them next; only a LISTEN brings them
    if ((carries || sqlControl) && PG_CONNECTION != null && target.isWrapperFor(PG_CONNECTION)) {
      try {
        GET_NOTIFICATIONS.invoke(target.unwrap(PG_CONNECTION)); // drops what a LISTEN already received
      } catch (SQLException | RuntimeException | Error e) {
        throw e;
      } catch (Throwable t) {
        throw new SQLException("Could not drain the driver's notifications", t);
      }
    }
    if (!autoCommit) {
      target.setAutoCommit(false);
    }
  }
}
