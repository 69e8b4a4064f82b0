package io.tenantry.hibernate.rls;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.Calendar;
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
 * statement executes rather than by the setter; a statement without a twin binds at once.
 */
sealed class RlsPreparedStatement extends RlsStatement implements PreparedStatement
    permits RlsCallableStatement {

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
  RlsPreparedStatement(PreparedStatement target, RlsConnection connection, PiggybackablePrepare piggyback) {
    super(target, connection);
    this.prepared = target;
    this.piggyback = piggyback;
  }

  /** The settings this statement must carry in its own round trip now, or {@code null}. */
  private String[] settingsToCarry() throws SQLException {
    return piggyback == null ? null : connection.settingsToCarry();
  }

  /** Records (or, without a twin, binds at once) the latest setter of one parameter. */
  private void bind(int index, Binding binding) throws SQLException {
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
    twin.execute();
    boolean resultSet = twin.getMoreResults();
    connection.carried();
    results = twin;
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
      return runPrepared(prepared::executeQuery);
    }
    if (!executeOnTwin(settings)) {
      throw new SQLException("No results were returned by the query.", "02000");
    }
    return twin.getResultSet();
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

  // ---- parameters: recorded, bound to the statement that runs ----------------------------------

  @Override
  public void setNull(int parameterIndex, int sqlType) throws SQLException {
    bind(parameterIndex, (t, shift) -> t.setNull(parameterIndex + shift, sqlType));
  }

  @Override
  public void setBoolean(int parameterIndex, boolean x) throws SQLException {
    bind(parameterIndex, (t, shift) -> t.setBoolean(parameterIndex + shift, x));
  }

  @Override
  public void setByte(int parameterIndex, byte x) throws SQLException {
    bind(parameterIndex, (t, shift) -> t.setByte(parameterIndex + shift, x));
  }

  @Override
  public void setShort(int parameterIndex, short x) throws SQLException {
    bind(parameterIndex, (t, shift) -> t.setShort(parameterIndex + shift, x));
  }

  @Override
  public void setInt(int parameterIndex, int x) throws SQLException {
    bind(parameterIndex, (t, shift) -> t.setInt(parameterIndex + shift, x));
  }

  @Override
  public void setLong(int parameterIndex, long x) throws SQLException {
    bind(parameterIndex, (t, shift) -> t.setLong(parameterIndex + shift, x));
  }

  @Override
  public void setFloat(int parameterIndex, float x) throws SQLException {
    bind(parameterIndex, (t, shift) -> t.setFloat(parameterIndex + shift, x));
  }

  @Override
  public void setDouble(int parameterIndex, double x) throws SQLException {
    bind(parameterIndex, (t, shift) -> t.setDouble(parameterIndex + shift, x));
  }

  @Override
  public void setBigDecimal(int parameterIndex, BigDecimal x) throws SQLException {
    bind(parameterIndex, (t, shift) -> t.setBigDecimal(parameterIndex + shift, x));
  }

  @Override
  public void setString(int parameterIndex, String x) throws SQLException {
    bind(parameterIndex, (t, shift) -> t.setString(parameterIndex + shift, x));
  }

  @Override
  public void setBytes(int parameterIndex, byte[] x) throws SQLException {
    bind(parameterIndex, (t, shift) -> t.setBytes(parameterIndex + shift, x));
  }

  @Override
  public void setDate(int parameterIndex, Date x) throws SQLException {
    bind(parameterIndex, (t, shift) -> t.setDate(parameterIndex + shift, x));
  }

  @Override
  public void setTime(int parameterIndex, Time x) throws SQLException {
    bind(parameterIndex, (t, shift) -> t.setTime(parameterIndex + shift, x));
  }

  @Override
  public void setTimestamp(int parameterIndex, Timestamp x) throws SQLException {
    bind(parameterIndex, (t, shift) -> t.setTimestamp(parameterIndex + shift, x));
  }

  @Override
  public void setAsciiStream(int parameterIndex, InputStream x, int length) throws SQLException {
    bind(parameterIndex, (t, shift) -> t.setAsciiStream(parameterIndex + shift, x, length));
  }

  @Override
  @Deprecated(since = "1.2")
  public void setUnicodeStream(int parameterIndex, InputStream x, int length) throws SQLException {
    bind(parameterIndex, (t, shift) -> t.setUnicodeStream(parameterIndex + shift, x, length));
  }

  @Override
  public void setBinaryStream(int parameterIndex, InputStream x, int length) throws SQLException {
    bind(parameterIndex, (t, shift) -> t.setBinaryStream(parameterIndex + shift, x, length));
  }

  @Override
  public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
    bind(parameterIndex, (t, shift) -> t.setObject(parameterIndex + shift, x, targetSqlType));
  }

  @Override
  public void setObject(int parameterIndex, Object x) throws SQLException {
    bind(parameterIndex, (t, shift) -> t.setObject(parameterIndex + shift, x));
  }

  @Override
  public void setCharacterStream(int parameterIndex, Reader reader, int length) throws SQLException {
    bind(parameterIndex, (t, shift) -> t.setCharacterStream(parameterIndex + shift, reader, length));
  }

  @Override
  public void setRef(int parameterIndex, Ref x) throws SQLException {
    bind(parameterIndex, (t, shift) -> t.setRef(parameterIndex + shift, x));
  }

  @Override
  public void setBlob(int parameterIndex, Blob x) throws SQLException {
    bind(parameterIndex, (t, shift) -> t.setBlob(parameterIndex + shift, x));
  }

  @Override
  public void setClob(int parameterIndex, Clob x) throws SQLException {
    bind(parameterIndex, (t, shift) -> t.setClob(parameterIndex + shift, x));
  }

  @Override
  public void setArray(int parameterIndex, Array x) throws SQLException {
    bind(parameterIndex, (t, shift) -> t.setArray(parameterIndex + shift, x));
  }

  @Override
  public void setDate(int parameterIndex, Date x, Calendar cal) throws SQLException {
    bind(parameterIndex, (t, shift) -> t.setDate(parameterIndex + shift, x, cal));
  }

  @Override
  public void setTime(int parameterIndex, Time x, Calendar cal) throws SQLException {
    bind(parameterIndex, (t, shift) -> t.setTime(parameterIndex + shift, x, cal));
  }

  @Override
  public void setTimestamp(int parameterIndex, Timestamp x, Calendar cal) throws SQLException {
    bind(parameterIndex, (t, shift) -> t.setTimestamp(parameterIndex + shift, x, cal));
  }

  @Override
  public void setNull(int parameterIndex, int sqlType, String typeName) throws SQLException {
    bind(parameterIndex, (t, shift) -> t.setNull(parameterIndex + shift, sqlType, typeName));
  }

  @Override
  public void setURL(int parameterIndex, URL x) throws SQLException {
    bind(parameterIndex, (t, shift) -> t.setURL(parameterIndex + shift, x));
  }

  @Override
  public void setRowId(int parameterIndex, RowId x) throws SQLException {
    bind(parameterIndex, (t, shift) -> t.setRowId(parameterIndex + shift, x));
  }

  @Override
  public void setNString(int parameterIndex, String value) throws SQLException {
    bind(parameterIndex, (t, shift) -> t.setNString(parameterIndex + shift, value));
  }

  @Override
  public void setNCharacterStream(int parameterIndex, Reader value, long length) throws SQLException {
    bind(parameterIndex, (t, shift) -> t.setNCharacterStream(parameterIndex + shift, value, length));
  }

  @Override
  public void setNClob(int parameterIndex, NClob value) throws SQLException {
    bind(parameterIndex, (t, shift) -> t.setNClob(parameterIndex + shift, value));
  }

  @Override
  public void setClob(int parameterIndex, Reader reader, long length) throws SQLException {
    bind(parameterIndex, (t, shift) -> t.setClob(parameterIndex + shift, reader, length));
  }

  @Override
  public void setBlob(int parameterIndex, InputStream inputStream, long length) throws SQLException {
    bind(parameterIndex, (t, shift) -> t.setBlob(parameterIndex + shift, inputStream, length));
  }

  @Override
  public void setNClob(int parameterIndex, Reader reader, long length) throws SQLException {
    bind(parameterIndex, (t, shift) -> t.setNClob(parameterIndex + shift, reader, length));
  }

  @Override
  public void setSQLXML(int parameterIndex, SQLXML xmlObject) throws SQLException {
    bind(parameterIndex, (t, shift) -> t.setSQLXML(parameterIndex + shift, xmlObject));
  }

  @Override
  public void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
    bind(parameterIndex, (t, shift) -> t.setObject(parameterIndex + shift, x, targetSqlType, scaleOrLength));
  }

  @Override
  public void setAsciiStream(int parameterIndex, InputStream x, long length) throws SQLException {
    bind(parameterIndex, (t, shift) -> t.setAsciiStream(parameterIndex + shift, x, length));
  }

  @Override
  public void setBinaryStream(int parameterIndex, InputStream x, long length) throws SQLException {
    bind(parameterIndex, (t, shift) -> t.setBinaryStream(parameterIndex + shift, x, length));
  }

  @Override
  public void setCharacterStream(int parameterIndex, Reader reader, long length) throws SQLException {
    bind(parameterIndex, (t, shift) -> t.setCharacterStream(parameterIndex + shift, reader, length));
  }

  @Override
  public void setAsciiStream(int parameterIndex, InputStream x) throws SQLException {
    bind(parameterIndex, (t, shift) -> t.setAsciiStream(parameterIndex + shift, x));
  }

  @Override
  public void setBinaryStream(int parameterIndex, InputStream x) throws SQLException {
    bind(parameterIndex, (t, shift) -> t.setBinaryStream(parameterIndex + shift, x));
  }

  @Override
  public void setCharacterStream(int parameterIndex, Reader reader) throws SQLException {
    bind(parameterIndex, (t, shift) -> t.setCharacterStream(parameterIndex + shift, reader));
  }

  @Override
  public void setNCharacterStream(int parameterIndex, Reader value) throws SQLException {
    bind(parameterIndex, (t, shift) -> t.setNCharacterStream(parameterIndex + shift, value));
  }

  @Override
  public void setClob(int parameterIndex, Reader reader) throws SQLException {
    bind(parameterIndex, (t, shift) -> t.setClob(parameterIndex + shift, reader));
  }

  @Override
  public void setBlob(int parameterIndex, InputStream inputStream) throws SQLException {
    bind(parameterIndex, (t, shift) -> t.setBlob(parameterIndex + shift, inputStream));
  }

  @Override
  public void setNClob(int parameterIndex, Reader reader) throws SQLException {
    bind(parameterIndex, (t, shift) -> t.setNClob(parameterIndex + shift, reader));
  }

  @Override
  public void setObject(int parameterIndex, Object x, SQLType targetSqlType, int scaleOrLength) throws SQLException {
    bind(parameterIndex, (t, shift) -> t.setObject(parameterIndex + shift, x, targetSqlType, scaleOrLength));
  }

  @Override
  public void setObject(int parameterIndex, Object x, SQLType targetSqlType) throws SQLException {
    bind(parameterIndex, (t, shift) -> t.setObject(parameterIndex + shift, x, targetSqlType));
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
