package io.tenantry.examples.register.local;

/**
 * The local database cannot be used: missing, not initialised, not this tool's, initialised for
 * another server or register, damaged, or a write failed. The message says which, and what to do.
 */
public final class LocalDatabaseException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public LocalDatabaseException(String message) {
    super(message);
  }

  public LocalDatabaseException(String message, Throwable cause) {
    super(message, cause);
  }
}
