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
 * Connection handler: the first statement of every transaction (and every statement in auto-commit
 * mode) carries the tenant settings, transaction-locally and from bound parameters. A plain prepared
 * statement carries them in its own round trip ({@link RlsStatement}); anything else (plain
 * statements, batches, calls) gets a separate {@code select set_config(...)} first, and in auto-commit
 * mode runs inside a short explicit transaction. The handler forgets what it applied on commit,
 * rollback and any change of auto-commit, so nothing is assumed to survive a transaction, and
 * re-applies whenever the binding is not the one it applied.
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
      case "prepareCall":
        return statement((Statement) call(target, method, args), proxy, null, null);
      case "prepareStatement":
        return statement((Statement) call(target, method, args), proxy, method, args);
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

  private Object statement(Statement s, Object connectionProxy, Method prepare, Object[] prepareArgs) {
    Class<?> type = s instanceof CallableStatement ? CallableStatement.class
        : s instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
    PiggybackablePrepare piggyback = type == PreparedStatement.class
        ? PiggybackablePrepare.of(target, prepare, prepareArgs) : null;
    return Proxy.newProxyInstance(RlsConnection.class.getClassLoader(), new Class<?>[] {type},
        new RlsStatement(s, this, connectionProxy, piggyback));
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

  /** Runs one execute* call of a statement with the binding's settings in force. */
  Object execute(Statement statement, Method method, Object[] args) throws Throwable {
    Object binding = Bindings.current();
    if (system) {
      requireSystem(binding);
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

  static Object call(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
