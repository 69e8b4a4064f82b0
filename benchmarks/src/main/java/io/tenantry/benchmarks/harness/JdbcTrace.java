package io.tenantry.benchmarks.harness;

import io.tenantry.test.DriverRoundTrips;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Wraps a DataSource to record every statement executed and every commit, and counts the network
 * round trips the PostgreSQL driver makes (the protocol Syncs it sends, from its own log): a statement
 * does not always take one, nor does a statement sent in front of another always share its round
 * trip. Used only in the untimed trace pass, never while measuring.
 */
public final class JdbcTrace {

  /** One executed statement: its SQL and the parameters it was executed with (setter name and arguments). */
  public record Executed(String sql, Map<Integer, Object[]> parameters) {}

  private final List<Executed> executed = new ArrayList<>();
  private int commits;
  private int rollbacks;
  private int roundTrips;

  public synchronized void reset() {
    executed.clear();
    commits = 0;
    rollbacks = 0;
    roundTrips = 0;
  }

  /**
   * Runs {@code work}, counting the driver's round trips ({@link DriverRoundTrips}); the count is read
   * with {@link #roundTrips} and cleared by {@link #reset}.
   */
  public <E extends Exception> void countingRoundTrips(DriverRoundTrips.Work<E> work) throws E {
    int counted = DriverRoundTrips.count(work);
    synchronized (this) {
      roundTrips += counted;
    }
  }

  /** The driver's round trips (protocol Syncs) counted since {@link #reset}. */
  public synchronized int roundTrips() {
    return roundTrips;
  }

  public synchronized List<Executed> executed() {
    return List.copyOf(executed);
  }

  public synchronized int commits() {
    return commits;
  }

  public synchronized int rollbacks() {
    return rollbacks;
  }

  public DataSource wrap(DataSource target) {
    return (DataSource) Proxy.newProxyInstance(JdbcTrace.class.getClassLoader(), new Class<?>[] {DataSource.class},
        (proxy, m, args) -> {
          Object r = call(target, m, args);
          return r instanceof Connection ? connection((Connection) r) : r;
        });
  }

  private Connection connection(Connection target) {
    return (Connection) Proxy.newProxyInstance(JdbcTrace.class.getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, m, args) -> {
          String name = m.getName();
          if (name.equals("commit")) {
            synchronized (this) {
              commits++;
            }
          } else if (name.equals("rollback") && (args == null || args.length == 0)) {
            synchronized (this) {
              rollbacks++;
            }
          }
          Object r = call(target, m, args);
          if (r instanceof Statement && (name.equals("prepareStatement") || name.equals("createStatement")
              || name.equals("prepareCall"))) {
            String sql = args != null && args.length > 0 && args[0] instanceof String ? (String) args[0] : null;
            return statement((Statement) r, sql, proxy);
          }
          return r;
        });
  }

  private Object statement(Statement target, String preparedSql, Object connectionProxy) {
    Class<?> type = target instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
    Map<Integer, Object[]> params = new TreeMap<>();
    InvocationHandler h = (proxy, m, args) -> {
      String name = m.getName();
      if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer) {
        Object[] call = new Object[args.length];
        call[0] = name;
        System.arraycopy(args, 1, call, 1, args.length - 1);
        params.put((Integer) args[0], call);
      } else if (name.equals("clearParameters")) {
        params.clear();
      } else if (name.startsWith("execute")) {
        String sql = preparedSql != null ? preparedSql : (args != null && args.length > 0 ? (String) args[0] : "?");
        synchronized (JdbcTrace.this) {
          executed.add(new Executed(sql, new TreeMap<>(params)));
        }
      } else if (name.equals("getConnection")) {
        return connectionProxy;
      }
      return call(target, m, args);
    };
    return Proxy.newProxyInstance(JdbcTrace.class.getClassLoader(), new Class<?>[] {type}, h);
  }

  /** Replays recorded parameters on another prepared statement (for EXPLAIN). */
  public static void bind(PreparedStatement ps, Map<Integer, Object[]> parameters) throws Exception {
    for (Map.Entry<Integer, Object[]> p : parameters.entrySet()) {
      Object[] call = p.getValue();
      Object[] args = new Object[call.length];
      args[0] = p.getKey();
      System.arraycopy(call, 1, args, 1, call.length - 1);
      Method target = null;
      for (Method m : PreparedStatement.class.getMethods()) {
        if (m.getName().equals(call[0]) && m.getParameterCount() == args.length && matches(m, args)) {
          target = m;
          break;
        }
      }
      if (target == null) {
        throw new IllegalStateException("cannot replay " + call[0]);
      }
      target.invoke(ps, args);
    }
  }

  private static boolean matches(Method m, Object[] args) {
    Class<?>[] types = m.getParameterTypes();
    for (int i = 0; i < types.length; i++) {
      if (args[i] == null) {
        if (types[i].isPrimitive()) {
          return false;
        }
        continue;
      }
      Class<?> t = types[i].isPrimitive() ? box(types[i]) : types[i];
      if (!t.isInstance(args[i])) {
        return false;
      }
    }
    return true;
  }

  private static Class<?> box(Class<?> p) {
    if (p == int.class) {
      return Integer.class;
    }
    if (p == long.class) {
      return Long.class;
    }
    if (p == boolean.class) {
      return Boolean.class;
    }
    if (p == double.class) {
      return Double.class;
    }
    if (p == short.class) {
      return Short.class;
    }
    if (p == float.class) {
      return Float.class;
    }
    if (p == byte.class) {
      return Byte.class;
    }
    return Character.class;
  }

  private static Object call(Object target, Method m, Object[] args) throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
