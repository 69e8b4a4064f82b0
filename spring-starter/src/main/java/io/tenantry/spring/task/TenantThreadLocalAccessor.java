package io.tenantry.spring.task;

import io.micrometer.context.ThreadLocalAccessor;
import io.tenantry.core.internal.Bindings;

/**
 * Lets Micrometer context propagation capture and restore Tenantry's binding (a tenant, system
 * access, or nothing): {@code ContextSnapshot}, Reactor's automatic context propagation, Spring's
 * {@code ContextPropagatingTaskDecorator} ({@code spring.task.execution.propagate-context=true}).
 * Binding through {@code Bindings} keeps the MDC keys in step.
 *
 * <p>Registered with {@code ContextRegistry.getInstance()} through
 * {@code META-INF/services/io.micrometer.context.ThreadLocalAccessor}; nothing to configure.
 */
public final class TenantThreadLocalAccessor implements ThreadLocalAccessor<Object> {

  /** The key under which the binding is captured. */
  public static final String KEY = "io.tenantry.binding";

  @Override
  public Object key() {
    return KEY;
  }

  @Override
  public Object getValue() {
    return Bindings.current();
  }

  @Override
  public void setValue(Object value) {
    Bindings.bind(value);
  }

  @Override
  public void setValue() {
    Bindings.bind(null);
  }

  @Override
  public void restore(Object previousValue) {
    Bindings.restore(previousValue);
  }

  @Override
  public void restore() {
    Bindings.restore(null);
  }
}
