package io.tenantry.examples.pos.api;

import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Records every statement sent through a DataSource, with its parameters and the binding of the thread that sent it
 * (the bound company, or the reason of system access): the JDBC layer the application's Hibernate sessions,
 * JdbcTemplate and native SQL all go through. Wraps the application's (row-level-security) DataSource, so what it
 * sees is what the application asks for; the wrapper's own {@code set_config} calls are the mechanism, not the
 * application's statements. {@code unwrap}/{@code isWrapperFor} reach the wrapped DataSource.
 */
final class StatementRecorder {

  /** One execution: the SQL, its parameters by index, the bound company (if any), the system reason (if any). */
  record Execution(String sql, Map<Integer, Object> parameters, UUID company, String systemReason) {}

  /**
   * A connection taken from the DataSource ({@code checkout}) or a transaction ended on one ({@code commit},
   * {@code rollback}), with the binding of the thread: system work takes the system login's pool.
   */
  record Use(String what, UUID company, String systemReason) {}

  private final List<Execution> executions = new ArrayList<>();
  private final List<Use> uses = new ArrayList<>();
  private volatile boolean recording;

  DataSource wrap(DataSource target) {
    return proxy(DataSource.class, target, (method, args) -> {
      Object result = method.invoke(target, args);
      if (result instanceof Connection c) {
        use("checkout");
        return connection(c);
      }
      return result;
    });
  }

  /** A post-processor that wraps the application's {@code dataSource} bean with this recorder. */
  BeanPostProcessor wrappingTheDataSourceBean() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) {
        return name.equals("dataSource") && bean instanceof DataSource ds ? wrap(ds) : bean;
      }
    };
  }

  void start() {
    synchronized (executions) {
      executions.clear();
      uses.clear();
    }
    recording = true;
  }

  /** The checkouts and transaction ends since {@link #start}. */
  List<Use> uses() {
    synchronized (executions) {
      return List.copyOf(uses);
    }
  }

  List<Execution> stop() {
    recording = false;
    synchronized (executions) {
      return List.copyOf(executions);
    }
  }

  private Connection connection(Connection target) {
    return proxy(Connection.class, target, (method, args) -> {
      Object result = method.invoke(target, args);
      String name = method.getName();
      if ((name.equals("commit") || name.equals("rollback")) && (args == null || args.length == 0)) {
        use(name);
      }
      if (result instanceof CallableStatement cs) {
        return statement(CallableStatement.class, cs, (String) args[0]);
      }
      if (result instanceof PreparedStatement ps && name.equals("prepareStatement")) {
        return statement(PreparedStatement.class, ps, (String) args[0]);
      }
      if (result instanceof Statement s && name.equals("createStatement")) {
        return statement(Statement.class, s, null);
      }
      return result;
    });
  }

  private <S extends Statement> S statement(Class<S> type, S target, String prepared) {
    Map<Integer, Object> parameters = new TreeMap<>();
    List<String> batch = new ArrayList<>();
    return proxy(type, target, (method, args) -> {
      String name = method.getName();
      if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer index) {
        parameters.put(index, args[1]);
      } else if (name.equals("clearParameters")) {
        parameters.clear();
      } else if (name.equals("addBatch")) {
        batch.add(args == null || args.length == 0 ? prepared : (String) args[0]);
      } else if (name.equals("executeBatch") || name.equals("executeLargeBatch")) {
        batch.forEach(sql -> record(sql, parameters));
        batch.clear();
      } else if (name.startsWith("execute")) {
        record(args != null && args.length > 0 && args[0] instanceof String sql ? sql : prepared, parameters);
      }
      return method.invoke(target, args);
    });
  }

  private void record(String sql, Map<Integer, Object> parameters) {
    if (!recording || sql == null) {
      return;
    }
    UUID company = Tenancy.find().map(TenantContext::companyId).orElse(null);
    String reason = Tenancy.systemAccessReason().orElse(null);
    synchronized (executions) {
      executions.add(new Execution(sql, new TreeMap<>(parameters), company, reason));
    }
  }

  private void use(String what) {
    if (!recording) {
      return;
    }
    UUID company = Tenancy.find().map(TenantContext::companyId).orElse(null);
    String reason = Tenancy.systemAccessReason().orElse(null);
    synchronized (executions) {
      uses.add(new Use(what, company, reason));
    }
  }

  private interface Handler {
    Object handle(Method method, Object[] args) throws Throwable;
  }

  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, T target, Handler handler) {
    InvocationHandler h = (p, method, args) -> {
      if (method.getName().equals("unwrap") && args != null && args[0] instanceof Class<?> c && c.isInstance(target)) {
        return target;
      }
      if (method.getName().equals("isWrapperFor") && args != null && args[0] instanceof Class<?> c
          && c.isInstance(target)) {
        return true;
      }
      try {
        return handler.handle(method, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
    return (T) Proxy.newProxyInstance(StatementRecorder.class.getClassLoader(), new Class<?>[] {type}, h);
  }

  static Optional<UUID> uuid(Object value) {
    if (value instanceof UUID u) {
      return Optional.of(u);
    }
    if (value instanceof String s && s.length() == 36) {
      try {
        return Optional.of(UUID.fromString(s));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}
