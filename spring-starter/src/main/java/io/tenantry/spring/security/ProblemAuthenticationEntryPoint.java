package io.tenantry.spring.security;

import io.tenantry.spring.internal.Problems;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.util.ClassUtils;

/**
 * Answers a missing or invalid credential with 401 and RFC 9457 problem details. The
 * {@code WWW-Authenticate} challenge comes from the delegate (the resource server's
 * {@code BearerTokenAuthenticationEntryPoint}, which says {@code error="invalid_token"} as RFC 6750
 * asks); the body never repeats why a token failed, which the challenge already carries.
 */
public final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

  private final AuthenticationEntryPoint challenge;

  /**
   * An entry point that lets {@code challenge} set status and headers first.
   *
   * @param challenge sets the {@code WWW-Authenticate} header; {@code null} for a plain
   *     {@code Bearer} challenge
   */
  public ProblemAuthenticationEntryPoint(AuthenticationEntryPoint challenge) {
    this.challenge = challenge;
  }

  /**
   * An entry point with the resource server's RFC 6750 challenge when the resource server is on the
   * class path, a plain {@code Bearer} challenge otherwise.
   */
  public static ProblemAuthenticationEntryPoint withBearerChallenge() {
    boolean resourceServer = ClassUtils.isPresent(
        "org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint",
        ProblemAuthenticationEntryPoint.class.getClassLoader());
    return new ProblemAuthenticationEntryPoint(resourceServer ? BearerChallenge.create() : null);
  }

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException, ServletException {
    if (challenge != null) {
      challenge.commence(request, response, e);
    } else {
      response.setHeader("WWW-Authenticate", "Bearer");
    }
    String detail = request.getHeader("Authorization") != null
        ? "The credentials are not valid: the token is malformed, expired, or not signed by a trusted issuer."
        : "Authentication is required: send a bearer token or a register key.";
    Problems.write(request, response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized", detail);
  }
}
