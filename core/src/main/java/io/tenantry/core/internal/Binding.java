package io.tenantry.core.internal;

import io.tenantry.core.TenantContext;

/**
 * What a thread has bound: a tenant or system access ({@code null} is nothing). Sealed, so the one
 * reader that decides on it ({@link Bindings}) covers every case. Internal.
 */
public sealed interface Binding permits Binding.Tenant, SystemAccess {

  /**
   * A bound tenant, with the strings the MDC carries while it is bound (company, store, register;
   * {@code null} for none). A context makes its one instance when it is built, as a context is bound
   * far more often than it is built: turning the ids into strings at every bind was most of the cost
   * of {@code Tenancy.run}.
   */
  record Tenant(TenantContext context, String company, String store, String register) implements Binding {

    @Override
    public String toString() {
      return context.toString();
    }
  }
}
