package io.tenantry.spring.web;

/**
 * A verified credential names its tenant in a form Tenantry cannot use (a company id that is not a
 * UUID, a stores claim of the wrong shape). The request is refused with 401: a token that cannot be
 * read is not trusted partly.
 */
public class InvalidTenantClaimsException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception; the message names the claim and the expected form. */
  public InvalidTenantClaimsException(String message) {
    super(message);
  }
}
