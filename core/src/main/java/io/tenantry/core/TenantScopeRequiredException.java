package io.tenantry.core;

/**
 * Thrown when an operation needs a narrower binding than the one in force: a selected store (a
 * store-owned row created by an owner bound to all stores, a store-level setting) or a bound
 * register (a register-owned row, a register-level setting). Nothing crossed a tenant boundary and
 * nothing was written; the caller has to say where the work belongs. It is a
 * {@link TenantIsolationException}, so code that treats every refusal alike keeps doing so, while
 * an HTTP edge can answer it as a client error (the Spring Boot starter answers 400) rather than as
 * "not found".
 */
public class TenantScopeRequiredException extends TenantIsolationException {

  private static final long serialVersionUID = 1L;

  /** The part of the binding that is missing. */
  public enum Scope {
    /** A selected store: {@code TenantContext.ofStore(company, store)} or {@code withStore(store)}. */
    STORE,
    /** A bound register: {@code TenantContext.ofRegister(company, store, register)}. */
    REGISTER
  }

  private final Scope required;

  /**
   * Creates the exception.
   *
   * @param required what the binding lacks
   * @param message what was refused and how to bind what it needs
   */
  public TenantScopeRequiredException(Scope required, String message) {
    super(message);
    if (required == null) {
      throw new IllegalArgumentException("required must not be null");
    }
    this.required = required;
  }

  /** The part of the binding the operation needs: a selected store or a bound register. */
  public Scope required() {
    return required;
  }
}
