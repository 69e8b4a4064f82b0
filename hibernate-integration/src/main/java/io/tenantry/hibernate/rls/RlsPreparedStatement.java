package io.tenantry.hibernate.rls;

import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A prepared statement that, when it is the first of its transaction (or runs in auto-commit
 * mode), carries the tenant settings in its own round trip: it executes a twin prepared with the
 * settings in front of it ({@link PiggybackablePrepare}), with its options replayed and its
 * parameters shifted by {@link PiggybackablePrepare#SHIFT}. Everything else (batches, the
 * statements without a twin: generated keys, calls) takes {@link RlsConnection#execute}'s separate
 * round trip.
 *
 * <p>Parameters are bound once, to the statement that runs: a statement with a twin keeps its
 * setters until it executes (or adds a batch, or is asked for metadata) and only then binds them, to
 * the twin or to the driver's statement. So an invalid parameter index is reported when the
 * statement executes rather than by the setter; a statement without a twin binds at once. The
 * setters themselves are generated ({@code RlsPreparedStatementProxy}: each calls {@link #bind}).
 *
 * <p>In auto-commit mode the twin runs inside a transaction of its own
 * ({@link RlsConnection#inOwnTransaction}): the driver may send a Sync between the settings and the
 * statement (a described statement with an unbounded result, {@link PiggybackablePrepare}), and a
 * Sync ends an implicit transaction and its transaction-local settings with it.
 */
abstract class RlsPreparedStatement extends RlsStatement implements PreparedStatement {

  private static final int SHIFT = PiggybackablePrepare.SHIFT;
  /** The protocol's limit on a statement's parameters. */
  private static final int MAX_PARAMETERS = 65_535;

  /** Sets a recorded statement option on the twin. */
  @FunctionalInterface
  interface Replay {
    void on(PreparedStatement twin) throws SQLException;
  }

  /** Binds one parameter to {@code statement}, at its index plus {@code shift}. */
  @FunctionalInterface
  interface Binding {
    void on(PreparedStatement statement, int shift) throws SQLException;
  }

  final PreparedStatement prepared;
  private final PiggybackablePrepare piggyback;
  /** The statement options set so far, the latest per option, for the twin. */
  private final Map<String, Replay> options = new LinkedHashMap<>();
  /**
   * The parameters set and not yet cleared, by index (slot 0 unused): the latest setter of each,
   * bound when the statement runs. Only for a statement with a twin.
   */
  private Binding[] parameters = new Binding[16];
  private int highestIndex;
  private PreparedStatement twin;

  /** {@code piggyback} is {@code null} when the statement cannot carry the settings itself. */
  RlsPreparedStatement(PreparedStatement target, RlsConnection connection, PiggybackablePrepare piggyback,
      boolean control) {
    super(target, connection);
    this.prepared = target;
    this.piggyback = piggyback;
    this.control = control;
  }

  /** The settings this statement must carry in its own round trip now, or {@code null}. */
  private String[] settingsToCarry() throws SQLException {
    return piggyback == null ? null : connection.settingsToCarry();
  }

  /** Records (or, without a twin, binds at once) the latest setter of one parameter. */
  final void bind(int index, Binding binding) throws SQLException {
    if (piggyback == null) {
      binding.on(prepared, 0);
      return;
    }
    if (index < 1 || index > MAX_PARAMETERS) {
      throw new SQLException("Parameter index out of range: " + index + " (parameters are numbered from 1; "
          + "PostgreSQL takes at most " + MAX_PARAMETERS + ")", "22023");
    }
    if (index >= parameters.length) {
      parameters = Arrays.copyOf(parameters, Math.max(index + 1, parameters.length * 2));
    }
    parameters[index] = binding;
    highestIndex = Math.max(highestIndex, index);
  }

  /** Binds the recorded parameters to {@code statement}: the driver's ({@code shift} 0) or the twin. */
  private void bindTo(PreparedStatement statement, int shift) throws SQLException {
    for (int i = 1; i <= highestIndex; i++) {
      Binding b = parameters[i];
      if (b != null) {
        b.on(statement, shift);
      }
    }
  }

  /** Runs an execute* call of the driver's statement (settings already in force, or applied apart). */
  private <T> T runPrepared(RlsConnection.Execution<T> execution) throws SQLException {
    bindTo(prepared, 0);
    return runWithSettings(execution);
  }

  /** Runs the twin: the settings' own (one-row) result, then the statement's; true when that is a result set. */
  private boolean executeOnTwin(String[] settings) throws SQLException {
    if (twin == null) {
      twin = piggyback.prepareWithSettings();
    } else {
      twin.clearParameters();
    }
    for (int i = 0; i < settings.length; i++) {
      twin.setString(i + 1, settings[i]);
    }
    for (Replay r : options.values()) {
      r.on(twin);
    }
    bindTo(twin, SHIFT);
    results = twin;
    try {
      return connection.target.getAutoCommit() ? connection.inOwnTransaction(twin, this::runTwin) : runTwin();
    } finally {
      if (control) {
        connection.forgetAfterSql();
      }
    }
  }

  private boolean runTwin() throws SQLException {
    twin.execute();
    boolean resultSet = twin.getMoreResults();
    connection.carried();
    return resultSet;
  }

  @Override
  void option(String name, Replay replay) {
    if (piggyback != null) {
      options.put(name, replay);
    }
  }

  @Override
  public void close() throws SQLException {
    if (twin != null) {
      twin.close();
    }
    super.close();
  }

  // ---- execution: the first of a transaction carries the settings -------------------------------

  @Override
  public ResultSet executeQuery() throws SQLException {
    String[] settings = settingsToCarry();
    if (settings == null) {
      ResultSet rs = runPrepared(prepared::executeQuery);
      return wrap(rs);
    }
    if (!executeOnTwin(settings)) {
      throw new SQLException("No results were returned by the query.", "02000");
    }
    return wrap(twin.getResultSet());
  }

  @Override
  public int executeUpdate() throws SQLException {
    String[] settings = settingsToCarry();
    if (settings == null) {
      return runPrepared(prepared::executeUpdate);
    }
    return executeOnTwin(settings) ? 0 : twin.getUpdateCount();
  }

  @Override
  public boolean execute() throws SQLException {
    String[] settings = settingsToCarry();
    return settings == null ? runPrepared(prepared::execute) : executeOnTwin(settings);
  }

  @Override
  public long executeLargeUpdate() throws SQLException {
    String[] settings = settingsToCarry();
    if (settings == null) {
      return runPrepared(prepared::executeLargeUpdate);
    }
    return executeOnTwin(settings) ? 0L : twin.getLargeUpdateCount();
  }

  // ---- everything else is the target's ----------------------------------------------------------

  @Override
  public void clearParameters() throws SQLException {
    Arrays.fill(parameters, null);
    highestIndex = 0;
    prepared.clearParameters();
  }

  @Override
  public void addBatch() throws SQLException {
    bindTo(prepared, 0);
    prepared.addBatch();
  }

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    bindTo(prepared, 0);
    return prepared.getMetaData();
  }

  @Override
  public ParameterMetaData getParameterMetaData() throws SQLException {
    bindTo(prepared, 0);
    return prepared.getParameterMetaData();
  }
}
