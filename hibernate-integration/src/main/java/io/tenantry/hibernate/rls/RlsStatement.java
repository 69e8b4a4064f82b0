package io.tenantry.hibernate.rls;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Statement handler: every execute* call runs with the tenant settings in force. A prepared
 * statement that is the first of its transaction (or runs in auto-commit mode) carries the settings
 * in its own round trip through a twin statement prefixed with them; its parameters and options
 * are replayed onto the twin, shifted by {@link PiggybackablePrepare#SHIFT}. Everything else takes
 * {@link RlsConnection#execute}'s separate round trip.
 */
final class RlsStatement implements InvocationHandler {

  private static final Set<String> SINGLE_EXECUTES =
      Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate");
  private static final Set<String> RESULT_ACCESS = Set.of("getResultSet", "getUpdateCount", "getLargeUpdateCount",
      "getMoreResults", "getWarnings", "clearWarnings");

  private final Statement target;
  private final RlsConnection connection;
  private final Object connectionProxy;
  private final PiggybackablePrepare piggyback;
  /**
   * The latest parameter setter per index (shifted on replay) and the latest value per statement
   * option, so a statement executed a million times records no more than it has parameters.
   */
  private final Map<Object, Object[]> recorded = new LinkedHashMap<>();
  private PreparedStatement twin;
  private boolean resultsOnTwin;

  RlsStatement(Statement target, RlsConnection connection, Object connectionProxy, PiggybackablePrepare piggyback) {
    this.target = target;
    this.connection = connection;
    this.connectionProxy = connectionProxy;
    this.piggyback = piggyback;
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    if (name.startsWith("execute")) {
      boolean single = SINGLE_EXECUTES.contains(name) && (args == null || args.length == 0);
      if (single && piggyback != null) {
        String[] settings = connection.settingsToCarry();
        if (settings != null) {
          return executeOnTwin(name, settings);
        }
      }
      resultsOnTwin = false;
      return connection.execute(target, method, args);
    }
    if (resultsOnTwin && RESULT_ACCESS.contains(name)) {
      return RlsConnection.call(twin, method, args);
    }
    switch (name) {
      case "getConnection":
        return connectionProxy;
      case "unwrap":
        return ((Class<?>) args[0]).isInstance(proxy) ? proxy : target.unwrap((Class<?>) args[0]);
      case "isWrapperFor":
        return ((Class<?>) args[0]).isInstance(proxy) || target.isWrapperFor((Class<?>) args[0]);
      case "clearParameters":
        recorded.keySet().removeIf(k -> k instanceof Integer);
        return RlsConnection.call(target, method, args);
      case "close":
        if (twin != null) {
          twin.close();
        }
        return RlsConnection.call(target, method, args);
      default:
        if (piggyback != null && name.startsWith("set") && args != null) {
          boolean parameter = method.getDeclaringClass() == PreparedStatement.class && args[0] instanceof Integer;
          recorded.put(parameter ? args[0] : name, new Object[] {method, args.clone()});
        }
        return RlsConnection.call(target, method, args);
    }
  }

  private Object executeOnTwin(String name, String[] settings) throws Throwable {
    if (twin == null) {
      twin = piggyback.prepareWithSettings();
    } else {
      twin.clearParameters();
    }
    for (int i = 0; i < settings.length; i++) {
      twin.setString(i + 1, settings[i]);
    }
    for (Object[] r : recorded.values()) {
      Method setter = (Method) r[0];
      Object[] args = ((Object[]) r[1]).clone();
      if (setter.getDeclaringClass() == PreparedStatement.class && args[0] instanceof Integer) {
        args[0] = (Integer) args[0] + PiggybackablePrepare.SHIFT;
      }
      RlsConnection.call(twin, setter, args);
    }
    twin.execute(); // the settings' own (one-row) result
    boolean resultSet = twin.getMoreResults();
    connection.carried();
    resultsOnTwin = true;
    switch (name) {
      case "executeQuery":
        if (!resultSet) {
          throw new SQLException("No results were returned by the query.", "02000");
        }
        return twin.getResultSet();
      case "executeUpdate":
        return resultSet ? 0 : twin.getUpdateCount();
      case "executeLargeUpdate":
        return resultSet ? 0L : twin.getLargeUpdateCount();
      default:
        return resultSet;
    }
  }
}
