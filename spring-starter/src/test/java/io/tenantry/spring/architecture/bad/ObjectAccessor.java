package io.tenantry.spring.architecture.bad;

import io.micrometer.context.ThreadLocalAccessor;
import io.tenantry.core.internal.Bindings;

/** Breaks LibraryRules on purpose: a context-propagation accessor that carries the binding as Object. */
public class ObjectAccessor implements ThreadLocalAccessor<Object> {

  @Override
  public Object key() {
    return "bad";
  }

  @Override
  public Object getValue() {
    return Bindings.current();
  }

  @Override
  public void setValue(Object value) {
    Bindings.bind((io.tenantry.core.internal.Binding) value);
  }

  @Override
  public void restore(Object previousValue) {
    setValue(previousValue);
  }

  @Override
  public void setValue() {
    Bindings.bind((io.tenantry.core.internal.Binding) null);
  }
}
