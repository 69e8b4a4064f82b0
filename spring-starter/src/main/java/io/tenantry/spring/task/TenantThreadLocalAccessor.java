package io.tenantry.spring.task;

import io.micrometer.context.ThreadLocalAccessor;
import io.tenantry.core.internal.Binding;
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
public final class TenantThreadLocalAccessor implements ThreadLocalAccessor<Binding> {

  /** The key under which the binding is captured. */
  public static final String KEY = "io.tenantry.binding";

  @Override
  public Object key() {
    return KEY;
  }

  @Override
  public Binding getValue() {
    return Bindings.current();
  }

  @Override
  public void setValue(Binding value) {
    Bindings.bind(value);
  }

  @Override
  public void setValue() {
    Bindings.bind((Binding) null);
  }

  @Override
  public void restore(Binding previousValue) {
    Bindings.restore(previousValue);
  }

  @Override
  public void restore() {
    Bindings.restore(null);
  }
}
