package io.tenantry.examples.pos.web;

import org.springframework.http.HttpStatus;

/**
 * An answer other than success, with a detail for the client. Thrown by services and controllers,
 * rendered as {@code application/problem+json}; the transaction it crosses rolls back, so nothing is
 * written. The detail must never name another tenant's data.
 */
public final class ApiProblem extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final HttpStatus status;

  private ApiProblem(HttpStatus status, String detail) {
    super(detail, null, false, false);
    this.status = status;
  }

  /** 400: the request itself is wrong; the detail says how. */
  public static ApiProblem badRequest(String detail) {
    return new ApiProblem(HttpStatus.BAD_REQUEST, detail);
  }

  /**
   * 404: nothing with this id is visible to the caller. Used alike for ids that do not exist and ids
   * of another company or of a store outside the caller's view (THREATS 22).
   */
  public static ApiProblem notFound(String what) {
    return new ApiProblem(HttpStatus.NOT_FOUND, "No " + what + " with this id.");
  }

  /** 404 with a detail of its own, for what has no id (an invitation token). */
  public static ApiProblem notFoundBecause(String detail) {
    return new ApiProblem(HttpStatus.NOT_FOUND, detail);
  }

  /** 403: the caller is known but may not do this. */
  public static ApiProblem forbidden(String detail) {
    return new ApiProblem(HttpStatus.FORBIDDEN, detail);
  }

  /** 409: the request conflicts with the current state (a duplicate, an open shift). */
  public static ApiProblem conflict(String detail) {
    return new ApiProblem(HttpStatus.CONFLICT, detail);
  }

  /** 401. */
  public static ApiProblem unauthorized(String detail) {
    return new ApiProblem(HttpStatus.UNAUTHORIZED, detail);
  }

  /** The status to answer with. */
  public HttpStatus status() {
    return status;
  }
}
