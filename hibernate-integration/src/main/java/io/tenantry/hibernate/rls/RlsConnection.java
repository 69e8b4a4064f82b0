package io.tenantry.hibernate.rls;

import io.tenantry.core.TenantContext;
import io.tenantry.core.TenantIsolationException;
import io.tenantry.core.internal.Bindings;
import io.tenantry.core.internal.SystemAccess;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Connection handler: before the first statement of every transaction (and around every statement
 * in auto-commit mode) it sets the tenant settings transaction-locally, from bound parameters. It
 * forgets what it applied on commit, rollback and any change of auto-commit, so nothing is assumed
 * to survive a transaction, and re-applies whenever the binding is not the one it applied.
 */
final class RlsConnection implements InvocationHandler {

  private static final Object NONE = new Object();

  private final Connection target;
  private final boolean system;
  private Object applied = NONE;

  RlsConnection(Connection target, boolean system) {
    this.target = target;
    this.system = system;
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    switch (name) {
      case "createStatement":
      case "prepareStatement":
      case "prepareCall":
        return statement((Statement) call(target, method, args), proxy);
      case "commit":
      case "setAutoCommit":
      case "close":
        applied = NONE;
        return call(target, method, args);
      case "rollback":
        if (args == null || args.length == 0) {
          applied = NONE;
        }
        return call(target, method, args);
      case "unwrap":
        return ((Class<?>) args[0]).isInstance(proxy) ? proxy : target.unwrap((Class<?>) args[0]);
      case "isWrapperFor":
        return ((Class<?>) args[0]).isInstance(proxy) || target.isWrapperFor((Class<?>) args[0]);
      case "toString":
        return "TenantryRls[" + target + "]";
      default:
        return call(target, method, args);
    }
  }

  private Object statement(Statement s, Object connectionProxy) {
    Class<?> type = s instanceof CallableStatement ? CallableStatement.class
        : s instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
    return Proxy.newProxyInstance(RlsConnection.class.getClassLoader(), new Class<?>[] {type},
        new RlsStatement(s, this, connectionProxy));
  }

  /** Runs one execute* call of a statement with the binding's settings in force. */
  Object execute(Statement statement, Method method, Object[] args) throws Throwable {
    Object binding = Bindings.current();
    if (system) {
      if (!(binding instanceof SystemAccess)) {
        throw new TenantIsolationException("A system-access connection was used outside Tenancy.asSystem: "
            + "acquire connections inside the system task and release them before it ends.");
      }
      return call(statement, method, args);
    }
    if (!target.getAutoCommit()) {
      if (binding != applied) {
        apply(binding);
      }
      return call(statement, method, args);
    }
    // auto-commit: run the statement in its own transaction so transaction-local settings apply
    int fetchSize = statement.getFetchSize();
    target.setAutoCommit(false);
    try {
      apply(binding);
      statement.setFetchSize(0); // read everything before commit, as auto-commit would have
      Object result = call(statement, method, args);
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
    try (PreparedStatement ps = target.prepareStatement(RlsSettings.APPLY_SQL)) {
      ps.setString(1, company);
      ps.setString(2, stores);
      ps.setString(3, allStores);
      ps.setString(4, register);
      ps.execute();
    }
    applied = binding;
  }

  static Object call(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
