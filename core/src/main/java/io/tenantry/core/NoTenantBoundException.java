package io.tenantry.core;

import java.util.Optional;

/**
 * Thrown when tenant-scoped work runs without a bound {@link TenantContext}. Tenantry fails closed:
 * no tenant never means "all tenants" and never means a default tenant.
 *
 * <p>{@link #operation()} names what needed the tenant; {@link #systemAccessReason()} tells whether
 * the thread ran in system access, which binds no tenant. The message gives the fix for each case.
 */
public class NoTenantBoundException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final String operation;
  private final String systemAccessReason;

  /**
   * Nothing is bound; the message explains how to bind a tenant.
   *
   * @param operation what needed the tenant, e.g. {@code "Persisting Product"}
   */
  public NoTenantBoundException(String operation) {
    super(operation + " needs a tenant, but none is bound to thread '" + Thread.currentThread().getName()
        + "'. Run the work inside Tenancy.run(context, ...) / Tenancy.call(context, ...); for work handed to "
        + "another thread, wrap it with TenantPropagation (e.g. TenantPropagation.executorService(pool)); "
        + "for deliberate cross-tenant work use Tenancy.runAsSystem(reason, ...).");
    this.operation = operation;
    this.systemAccessReason = null;
  }

  private NoTenantBoundException(String operation, String systemAccessReason) {
    super(operation + " needs a tenant, but thread '" + Thread.currentThread().getName() + "' runs as system access (\""
        + systemAccessReason + "\"), which binds none. Bind the tenant this work is for inside the system task: "
        + "Tenancy.run(TenantContext.ofCompany(companyId), ...).");
    this.operation = operation;
    this.systemAccessReason = systemAccessReason;
  }

  /**
   * The exception for tenant-scoped work inside system access.
   *
   * @param operation what needed the tenant
   * @param systemAccessReason the (log-safe) reason of the system access
   */
  public static NoTenantBoundException duringSystemAccess(String operation, String systemAccessReason) {
    return new NoTenantBoundException(operation, systemAccessReason);
  }

  /** What needed the tenant, e.g. {@code "Persisting Product"}. */
  public String operation() {
    return operation;
  }

  /** The reason of the system access the thread ran in; empty when nothing was bound. */
  public Optional<String> systemAccessReason() {
    return Optional.ofNullable(systemAccessReason);
  }
}
