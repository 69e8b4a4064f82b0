package io.tenantry.examples.register.server;

/**
 * The server refused one sale for what it contains (a 4xx other than 401, 403, 408 and 429: e.g. a
 * product that no longer exists, or a total larger than the server can store). Sending it again would
 * fail the same way: the push parks it (status {@code rejected}) and goes on with the other sales.
 */
public final class SaleRejectedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;

  public SaleRejectedException(int status, String detail) {
    super(detail);
    this.status = status;
  }

  /** The HTTP status the server answered. */
  public int status() {
    return status;
  }
}
