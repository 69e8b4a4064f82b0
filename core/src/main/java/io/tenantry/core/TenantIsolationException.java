package io.tenantry.core;

/**
 * Thrown when an operation would cross a tenant boundary: writing a row of another company or
 * store, changing a tenant column, or switching tenant inside an open unit of work. The operation
 * is refused as a whole; nothing is written.
 */
public class TenantIsolationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception; the message should say what was refused and how to do it correctly. */
  public TenantIsolationException(String message) {
    super(message);
  }
}
