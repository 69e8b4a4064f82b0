package io.tenantry.examples.register.server;

/**
 * The server answered, but will not serve this register as it is: the key is unknown or revoked
 * (401), not allowed (403), or the answer does not belong to this register (another store or
 * register, a different sale). Retrying does not help; the message says what to check.
 */
public final class ServerRefusedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ServerRefusedException(String message) {
    super(message);
  }
}
