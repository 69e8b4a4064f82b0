package io.tenantry.examples.register.server;

/**
 * The server did not answer usefully after every retry (refused or dropped connections, timeouts,
 * 5xx, 429). Nothing local is lost: pending sales stay pending, the catalog stays as it was.
 */
public final class ServerUnreachableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int lastStatus;

  public ServerUnreachableException(String message, Throwable cause) {
    this(message, cause, 0);
  }

  /** @param lastStatus the HTTP status of the last try, 0 when it got no answer */
  public ServerUnreachableException(String message, Throwable cause, int lastStatus) {
    super(message, cause);
    this.lastStatus = lastStatus;
  }

  /**
   * The HTTP status the last try was answered with (a 5xx, 408 or 429), or 0 when it got no answer at
   * all. A 500 says the server is there and failed on this very request.
   */
  public int lastStatus() {
    return lastStatus;
  }
}
