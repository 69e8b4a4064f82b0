package io.tenantry.spring.security;

import io.tenantry.spring.internal.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

/** Answers an authorization failure with 403 and RFC 9457 problem details. */
public final class ProblemAccessDeniedHandler implements AccessDeniedHandler {

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    Problems.write(request, response, HttpServletResponse.SC_FORBIDDEN, "Forbidden",
        "You are not allowed to do this.");
  }
}
