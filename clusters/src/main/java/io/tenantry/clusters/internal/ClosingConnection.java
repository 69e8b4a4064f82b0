package io.tenantry.clusters.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Not API. A connection that runs a callback once when it is closed (the router counts a company's open
 * connections with it); every other call goes to the connection unchanged, {@code unwrap} included.
 */
public final class ClosingConnection implements InvocationHandler {

  private final Connection target;
  private final Runnable onClose;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ClosingConnection(Connection target, Runnable onClose) {
    this.target = target;
    this.onClose = onClose;
  }

  /**
   * Wraps a connection.
   *
   * @param target the connection
   * @param onClose run once, after the first {@code close()}
   * @return the wrapped connection
   */
  public static Connection wrap(Connection target, Runnable onClose) {
    return (Connection) Proxy.newProxyInstance(ClosingConnection.class.getClassLoader(),
        new Class<?>[] {Connection.class}, new ClosingConnection(target, onClose));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getName().equals("close") && method.getParameterCount() == 0) {
      try {
        target.close();
      } finally {
        if (closed.compareAndSet(false, true)) {
          onClose.run();
        }
      }
      return null;
    }
    if (method.getDeclaringClass() == Object.class) {
      return switch (method.getName()) {
        case "equals" -> proxy == args[0];
        case "hashCode" -> System.identityHashCode(proxy);
        default -> "Tenantry cluster connection[" + target + "]";
      };
    }
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
