package io.tenantry.spring.security;

import io.tenantry.spring.internal.Problems;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.util.ClassUtils;

/**
 * Answers a missing or invalid credential with 401 and RFC 9457 problem details. The
 * {@code WWW-Authenticate} challenge comes from the delegate (the resource server's
 * {@code BearerTokenAuthenticationEntryPoint}, which says {@code error="invalid_token"} as RFC 6750
 * asks); the body never repeats why a token failed, which the challenge already carries.
 *
 * <p>An {@link AuthenticationServiceException} is not about the credential: the server could not check it (the
 * token issuer or its JWK set cannot be reached, the decoder failed). That is answered 503 with
 * {@code Retry-After} and no challenge, so that the client keeps its token and retries, and logged at WARN with
 * the cause.
 */
public final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemAuthenticationEntryPoint.class);
  private static final int MAX_CAUSES = 8;

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
    if (e instanceof AuthenticationServiceException) {
      LOG.warn("Could not check the credentials of {} {}: {}; answered 503", request.getMethod(),
          request.getRequestURI(), causes(e));
      Problems.writeUnavailable(request, response,
          "The server cannot check credentials right now; retry shortly. The token was not rejected.");
      return;
    }
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

  /**
   * The failure and its causes on one line, each cause only when its message adds something (wrappers repeat
   * it): the reason a check failed is usually at the bottom.
   */
  private static String causes(Throwable failure) {
    StringBuilder text = new StringBuilder(failure.toString());
    int depth = 0;
    for (Throwable t = failure.getCause(); t != null && depth < MAX_CAUSES; t = t.getCause(), depth++) {
      String message = t.getMessage();
      if (message == null || !text.toString().contains(message)) {
        text.append(" <- ").append(t);
      }
    }
    return text.toString();
  }
}
