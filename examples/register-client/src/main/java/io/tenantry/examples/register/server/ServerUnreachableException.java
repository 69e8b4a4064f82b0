package io.tenantry.examples.register.server;

/**
 * The server did not answer usefully after every retry (refused or dropped connections, timeouts,
 * 5xx, 429). Nothing local is lost: pending sales stay pending, the catalog stays as it was.
 */
public final class ServerUnreachableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ServerUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
