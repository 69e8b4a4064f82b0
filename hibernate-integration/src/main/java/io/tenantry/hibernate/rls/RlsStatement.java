package io.tenantry.hibernate.rls;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.sql.Statement;

/** Statement handler: every execute* call goes through {@link RlsConnection#execute}. */
final class RlsStatement implements InvocationHandler {

  private final Statement target;
  private final RlsConnection connection;
  private final Object connectionProxy;

  RlsStatement(Statement target, RlsConnection connection, Object connectionProxy) {
    this.target = target;
    this.connection = connection;
    this.connectionProxy = connectionProxy;
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    if (name.startsWith("execute")) {
      return connection.execute(target, method, args);
    }
    if (name.equals("getConnection")) {
      return connectionProxy;
    }
    if (name.equals("unwrap")) {
      return ((Class<?>) args[0]).isInstance(proxy) ? proxy : target.unwrap((Class<?>) args[0]);
    }
    if (name.equals("isWrapperFor")) {
      return ((Class<?>) args[0]).isInstance(proxy) || target.isWrapperFor((Class<?>) args[0]);
    }
    return RlsConnection.call(target, method, args);
  }
}
