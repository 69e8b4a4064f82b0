package io.tenantry.core;

/**
 * Thrown when tenant-scoped work runs without a bound {@link TenantContext}. Tenantry fails closed:
 * no tenant never means "all tenants" and never means a default tenant.
 */
public class NoTenantBoundException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that explains how to bind a tenant. */
  public NoTenantBoundException(String what) {
    super(what + " needs a tenant, but none is bound to thread '" + Thread.currentThread().getName()
        + "'. Run the work inside Tenancy.run(context, ...) / Tenancy.call(context, ...); for work handed to "
        + "another thread, wrap it with TenantPropagation (e.g. TenantPropagation.executorService(pool)); "
        + "for deliberate cross-tenant work use Tenancy.asSystem(reason, ...).");
  }
}
