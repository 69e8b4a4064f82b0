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
import java.util.Calendar;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A prepared statement that, when it is the first of its transaction (or runs in auto-commit
 * mode), carries the tenant settings in its own round trip: it executes a twin prepared with the
 * settings in front of it ({@link PiggybackablePrepare}), onto which its parameters and options
 * are replayed, shifted by {@link PiggybackablePrepare#SHIFT}. Everything else (batches, the
 * statements without a twin: generated keys, calls) takes {@link RlsConnection#execute}'s separate
 * round trip.
 */
sealed class RlsPreparedStatement extends RlsStatement implements PreparedStatement
    permits RlsCallableStatement {

  private static final int SHIFT = PiggybackablePrepare.SHIFT;

  /** Sets a recorded parameter or option on the twin. */
  @FunctionalInterface
  interface Replay {
    void on(PreparedStatement twin) throws SQLException;
  }

  final PreparedStatement prepared;
  private final PiggybackablePrepare piggyback;
  /**
   * The latest setter per parameter index and per statement option, so a statement executed a
   * million times records no more than it has parameters.
   */
  private final Map<Object, Replay> recorded = new LinkedHashMap<>();
  private PreparedStatement twin;
  /**
   * Whether a stream or reader parameter was given: the driver may have read it already, so a twin
   * would get it empty; the statement then takes the separate round trip until its parameters are cleared.
   */
  private boolean streamed;

  /** {@code piggyback} is {@code null} when the statement cannot carry the settings itself. */
  RlsPreparedStatement(PreparedStatement target, RlsConnection connection, PiggybackablePrepare piggyback) {
    super(target, connection);
    this.prepared = target;
    this.piggyback = piggyback;
  }

  /** The settings this statement must carry in its own round trip now, or {@code null}. */
  private String[] settingsToCarry() throws SQLException {
    return piggyback == null || streamed ? null : connection.settingsToCarry();
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
    for (Replay r : recorded.values()) {
      r.on(twin);
    }
    twin.execute();
    boolean resultSet = twin.getMoreResults();
    connection.carried();
    results = twin;
    return resultSet;
  }

  private void parameter(int index, Replay replay) {
    if (piggyback != null) {
      recorded.put(index, replay);
    }
  }

  @Override
  void option(String name, Replay replay) {
    if (piggyback != null) {
      recorded.put(name, replay);
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
      return runWithSettings(prepared::executeQuery);
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
      return runWithSettings(prepared::executeUpdate);
    }
    return executeOnTwin(settings) ? 0 : twin.getUpdateCount();
  }

  @Override
  public boolean execute() throws SQLException {
    String[] settings = settingsToCarry();
    return settings == null ? runWithSettings(prepared::execute) : executeOnTwin(settings);
  }

  @Override
  public long executeLargeUpdate() throws SQLException {
    String[] settings = settingsToCarry();
    if (settings == null) {
      return runWithSettings(prepared::executeLargeUpdate);
    }
    return executeOnTwin(settings) ? 0L : twin.getLargeUpdateCount();
  }

  // ---- parameters: the twin gets them too -------------------------------------------------------

  @Override
  public void setNull(int parameterIndex, int sqlType) throws SQLException {
    prepared.setNull(parameterIndex, sqlType);
    parameter(parameterIndex, twin -> twin.setNull(parameterIndex + SHIFT, sqlType));
  }

  @Override
  public void setBoolean(int parameterIndex, boolean x) throws SQLException {
    prepared.setBoolean(parameterIndex, x);
    parameter(parameterIndex, twin -> twin.setBoolean(parameterIndex + SHIFT, x));
  }

  @Override
  public void setByte(int parameterIndex, byte x) throws SQLException {
    prepared.setByte(parameterIndex, x);
    parameter(parameterIndex, twin -> twin.setByte(parameterIndex + SHIFT, x));
  }

  @Override
  public void setShort(int parameterIndex, short x) throws SQLException {
    prepared.setShort(parameterIndex, x);
    parameter(parameterIndex, twin -> twin.setShort(parameterIndex + SHIFT, x));
  }

  @Override
  public void setInt(int parameterIndex, int x) throws SQLException {
    prepared.setInt(parameterIndex, x);
    parameter(parameterIndex, twin -> twin.setInt(parameterIndex + SHIFT, x));
  }

  @Override
  public void setLong(int parameterIndex, long x) throws SQLException {
    prepared.setLong(parameterIndex, x);
    parameter(parameterIndex, twin -> twin.setLong(parameterIndex + SHIFT, x));
  }

  @Override
  public void setFloat(int parameterIndex, float x) throws SQLException {
    prepared.setFloat(parameterIndex, x);
    parameter(parameterIndex, twin -> twin.setFloat(parameterIndex + SHIFT, x));
  }

  @Override
  public void setDouble(int parameterIndex, double x) throws SQLException {
    prepared.setDouble(parameterIndex, x);
    parameter(parameterIndex, twin -> twin.setDouble(parameterIndex + SHIFT, x));
  }

  @Override
  public void setBigDecimal(int parameterIndex, BigDecimal x) throws SQLException {
    prepared.setBigDecimal(parameterIndex, x);
    parameter(parameterIndex, twin -> twin.setBigDecimal(parameterIndex + SHIFT, x));
  }

  @Override
  public void setString(int parameterIndex, String x) throws SQLException {
    prepared.setString(parameterIndex, x);
    parameter(parameterIndex, twin -> twin.setString(parameterIndex + SHIFT, x));
  }

  @Override
  public void setBytes(int parameterIndex, byte[] x) throws SQLException {
    prepared.setBytes(parameterIndex, x);
    parameter(parameterIndex, twin -> twin.setBytes(parameterIndex + SHIFT, x));
  }

  @Override
  public void setDate(int parameterIndex, Date x) throws SQLException {
    prepared.setDate(parameterIndex, x);
    parameter(parameterIndex, twin -> twin.setDate(parameterIndex + SHIFT, x));
  }

  @Override
  public void setTime(int parameterIndex, Time x) throws SQLException {
    prepared.setTime(parameterIndex, x);
    parameter(parameterIndex, twin -> twin.setTime(parameterIndex + SHIFT, x));
  }

  @Override
  public void setTimestamp(int parameterIndex, Timestamp x) throws SQLException {
    prepared.setTimestamp(parameterIndex, x);
    parameter(parameterIndex, twin -> twin.setTimestamp(parameterIndex + SHIFT, x));
  }

  @Override
  public void setAsciiStream(int parameterIndex, InputStream x, int length) throws SQLException {
    prepared.setAsciiStream(parameterIndex, x, length);
    streamed = true;
  }

  @Override
  @Deprecated(since = "1.2")
  public void setUnicodeStream(int parameterIndex, InputStream x, int length) throws SQLException {
    prepared.setUnicodeStream(parameterIndex, x, length);
    streamed = true;
  }

  @Override
  public void setBinaryStream(int parameterIndex, InputStream x, int length) throws SQLException {
    prepared.setBinaryStream(parameterIndex, x, length);
    streamed = true;
  }

  @Override
  public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
    prepared.setObject(parameterIndex, x, targetSqlType);
    if (x instanceof InputStream || x instanceof Reader) {
      streamed = true;
    } else {
      parameter(parameterIndex, twin -> twin.setObject(parameterIndex + SHIFT, x, targetSqlType));
    }
  }

  @Override
  public void setObject(int parameterIndex, Object x) throws SQLException {
    prepared.setObject(parameterIndex, x);
    if (x instanceof InputStream || x instanceof Reader) {
      streamed = true;
    } else {
      parameter(parameterIndex, twin -> twin.setObject(parameterIndex + SHIFT, x));
    }
  }

  @Override
  public void setCharacterStream(int parameterIndex, Reader reader, int length) throws SQLException {
    prepared.setCharacterStream(parameterIndex, reader, length);
    streamed = true;
  }

  @Override
  public void setRef(int parameterIndex, Ref x) throws SQLException {
    prepared.setRef(parameterIndex, x);
    parameter(parameterIndex, twin -> twin.setRef(parameterIndex + SHIFT, x));
  }

  @Override
  public void setBlob(int parameterIndex, Blob x) throws SQLException {
    prepared.setBlob(parameterIndex, x);
    parameter(parameterIndex, twin -> twin.setBlob(parameterIndex + SHIFT, x));
  }

  @Override
  public void setClob(int parameterIndex, Clob x) throws SQLException {
    prepared.setClob(parameterIndex, x);
    parameter(parameterIndex, twin -> twin.setClob(parameterIndex + SHIFT, x));
  }

  @Override
  public void setArray(int parameterIndex, Array x) throws SQLException {
    prepared.setArray(parameterIndex, x);
    parameter(parameterIndex, twin -> twin.setArray(parameterIndex + SHIFT, x));
  }

  @Override
  public void setDate(int parameterIndex, Date x, Calendar cal) throws SQLException {
    prepared.setDate(parameterIndex, x, cal);
    parameter(parameterIndex, twin -> twin.setDate(parameterIndex + SHIFT, x, cal));
  }

  @Override
  public void setTime(int parameterIndex, Time x, Calendar cal) throws SQLException {
    prepared.setTime(parameterIndex, x, cal);
    parameter(parameterIndex, twin -> twin.setTime(parameterIndex + SHIFT, x, cal));
  }

  @Override
  public void setTimestamp(int parameterIndex, Timestamp x, Calendar cal) throws SQLException {
    prepared.setTimestamp(parameterIndex, x, cal);
    parameter(parameterIndex, twin -> twin.setTimestamp(parameterIndex + SHIFT, x, cal));
  }

  @Override
  public void setNull(int parameterIndex, int sqlType, String typeName) throws SQLException {
    prepared.setNull(parameterIndex, sqlType, typeName);
    parameter(parameterIndex, twin -> twin.setNull(parameterIndex + SHIFT, sqlType, typeName));
  }

  @Override
  public void setURL(int parameterIndex, URL x) throws SQLException {
    prepared.setURL(parameterIndex, x);
    parameter(parameterIndex, twin -> twin.setURL(parameterIndex + SHIFT, x));
  }

  @Override
  public void setRowId(int parameterIndex, RowId x) throws SQLException {
    prepared.setRowId(parameterIndex, x);
    parameter(parameterIndex, twin -> twin.setRowId(parameterIndex + SHIFT, x));
  }

  @Override
  public void setNString(int parameterIndex, String value) throws SQLException {
    prepared.setNString(parameterIndex, value);
    parameter(parameterIndex, twin -> twin.setNString(parameterIndex + SHIFT, value));
  }

  @Override
  public void setNCharacterStream(int parameterIndex, Reader value, long length) throws SQLException {
    prepared.setNCharacterStream(parameterIndex, value, length);
    streamed = true;
  }

  @Override
  public void setNClob(int parameterIndex, NClob value) throws SQLException {
    prepared.setNClob(parameterIndex, value);
    parameter(parameterIndex, twin -> twin.setNClob(parameterIndex + SHIFT, value));
  }

  @Override
  public void setClob(int parameterIndex, Reader reader, long length) throws SQLException {
    prepared.setClob(parameterIndex, reader, length);
    streamed = true;
  }

  @Override
  public void setBlob(int parameterIndex, InputStream inputStream, long length) throws SQLException {
    prepared.setBlob(parameterIndex, inputStream, length);
    streamed = true;
  }

  @Override
  public void setNClob(int parameterIndex, Reader reader, long length) throws SQLException {
    prepared.setNClob(parameterIndex, reader, length);
    streamed = true;
  }

  @Override
  public void setSQLXML(int parameterIndex, SQLXML xmlObject) throws SQLException {
    prepared.setSQLXML(parameterIndex, xmlObject);
    parameter(parameterIndex, twin -> twin.setSQLXML(parameterIndex + SHIFT, xmlObject));
  }

  @Override
  public void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
    prepared.setObject(parameterIndex, x, targetSqlType, scaleOrLength);
    if (x instanceof InputStream || x instanceof Reader) {
      streamed = true;
    } else {
      parameter(parameterIndex, twin -> twin.setObject(parameterIndex + SHIFT, x, targetSqlType, scaleOrLength));
    }
  }

  @Override
  public void setAsciiStream(int parameterIndex, InputStream x, long length) throws SQLException {
    prepared.setAsciiStream(parameterIndex, x, length);
    streamed = true;
  }

  @Override
  public void setBinaryStream(int parameterIndex, InputStream x, long length) throws SQLException {
    prepared.setBinaryStream(parameterIndex, x, length);
    streamed = true;
  }

  @Override
  public void setCharacterStream(int parameterIndex, Reader reader, long length) throws SQLException {
    prepared.setCharacterStream(parameterIndex, reader, length);
    streamed = true;
  }

  @Override
  public void setAsciiStream(int parameterIndex, InputStream x) throws SQLException {
    prepared.setAsciiStream(parameterIndex, x);
    streamed = true;
  }

  @Override
  public void setBinaryStream(int parameterIndex, InputStream x) throws SQLException {
    prepared.setBinaryStream(parameterIndex, x);
    streamed = true;
  }

  @Override
  public void setCharacterStream(int parameterIndex, Reader reader) throws SQLException {
    prepared.setCharacterStream(parameterIndex, reader);
    streamed = true;
  }

  @Override
  public void setNCharacterStream(int parameterIndex, Reader value) throws SQLException {
    prepared.setNCharacterStream(parameterIndex, value);
    streamed = true;
  }

  @Override
  public void setClob(int parameterIndex, Reader reader) throws SQLException {
    prepared.setClob(parameterIndex, reader);
    streamed = true;
  }

  @Override
  public void setBlob(int parameterIndex, InputStream inputStream) throws SQLException {
    prepared.setBlob(parameterIndex, inputStream);
    streamed = true;
  }

  @Override
  public void setNClob(int parameterIndex, Reader reader) throws SQLException {
    prepared.setNClob(parameterIndex, reader);
    streamed = true;
  }

  @Override
  public void setObject(int parameterIndex, Object x, SQLType targetSqlType, int scaleOrLength) throws SQLException {
    prepared.setObject(parameterIndex, x, targetSqlType, scaleOrLength);
    if (x instanceof InputStream || x instanceof Reader) {
      streamed = true;
    } else {
      parameter(parameterIndex, twin -> twin.setObject(parameterIndex + SHIFT, x, targetSqlType, scaleOrLength));
    }
  }

  @Override
  public void setObject(int parameterIndex, Object x, SQLType targetSqlType) throws SQLException {
    prepared.setObject(parameterIndex, x, targetSqlType);
    if (x instanceof InputStream || x instanceof Reader) {
      streamed = true;
    } else {
      parameter(parameterIndex, twin -> twin.setObject(parameterIndex + SHIFT, x, targetSqlType));
    }
  }

  // ---- everything else is the target's ----------------------------------------------------------

  @Override
  public void clearParameters() throws SQLException {
    recorded.keySet().removeIf(k -> k instanceof Integer);
    streamed = false;
    prepared.clearParameters();
  }

  @Override
  public void addBatch() throws SQLException {
    prepared.addBatch();
  }

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    return prepared.getMetaData();
  }

  @Override
  public ParameterMetaData getParameterMetaData() throws SQLException {
    return prepared.getParameterMetaData();
  }
}
