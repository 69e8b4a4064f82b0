package io.tenantry.examples.register.server;

/**
 * The server refused one sale for what it contains (400, 404 or 409: e.g. a product that no longer
 * exists). Sending it again would fail the same way; other sales are unaffected.
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
