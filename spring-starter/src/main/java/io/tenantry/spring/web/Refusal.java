package io.tenantry.spring.web;

import io.tenantry.spring.internal.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** A request the filter refuses before it reaches the application, answered as problem details. */
final class Refusal extends Exception {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String title;
  private final String challenge;

  private Refusal(int status, String title, String detail, String challenge) {
    super(detail, null, false, false);
    this.status = status;
    this.title = title;
    this.challenge = challenge;
  }

  static Refusal badRequest(String detail) {
    return new Refusal(400, "Bad Request", detail, null);
  }

  static Refusal unauthorized(String challenge, String detail) {
    return new Refusal(401, "Unauthorized", detail, challenge);
  }

  static Refusal forbidden(String detail) {
    return new Refusal(403, "Forbidden", detail, null);
  }

  /** The database could not be reached to identify the caller: 503, to be retried. */
  static Refusal unavailable(String detail) {
    return new Refusal(503, "Service Unavailable", detail, null);
  }

  int status() {
    return status;
  }

  void write(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (challenge != null) {
      response.setHeader("WWW-Authenticate", challenge);
    }
    if (status == 503) {
      Problems.writeUnavailable(request, response, getMessage());
    } else {
      Problems.write(request, response, status, title, getMessage());
    }
  }
}
