package io.tenantry.spring.security;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.util.ClassUtils;

/**
 * Sits just before the resource server's {@code BearerTokenAuthenticationFilter} and hands a token check that
 * failed for a reason of the server's own to the entry point, which answers 503. Spring Security lets such a
 * failure escape the chain: the filter rethrows an {@link AuthenticationServiceException} (a {@code JwtException}
 * that is not a {@code BadJwtException}, such as a JWK set that cannot be fetched), and a decoder that cannot be
 * built ({@code JwtDecoderInitializationException}, an {@code issuer-uri} that cannot be reached) is no
 * authentication failure at all. The container then dispatches to {@code /error}, where the bearer filter does not
 * run, and the anonymous error dispatch was answered 401 "credentials are not valid".
 */
final class TokenCheckFailureFilter implements Filter {

  private static final Class<?> DECODER_INITIALIZATION = ClassUtils.isPresent(
      "org.springframework.security.oauth2.jwt.JwtDecoderInitializationException",
      TokenCheckFailureFilter.class.getClassLoader())
      ? ClassUtils.resolveClassName("org.springframework.security.oauth2.jwt.JwtDecoderInitializationException",
          TokenCheckFailureFilter.class.getClassLoader())
      : null;

  private final AuthenticationEntryPoint entryPoint;

  TokenCheckFailureFilter(AuthenticationEntryPoint entryPoint) {
    this.entryPoint = entryPoint;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    try {
      chain.doFilter(request, response);
    } catch (RuntimeException e) {
      AuthenticationServiceException failure = serverSide(e);
      if (failure == null || response.isCommitted()) {
        throw e;
      }
      entryPoint.commence((HttpServletRequest) request, (HttpServletResponse) response, failure);
    }
  }

  /** The failure as the entry point's 503, or {@code null} when it is not a failed token check. */
  private static AuthenticationServiceException serverSide(RuntimeException e) {
    if (e instanceof AuthenticationServiceException failure) {
      return failure;
    }
    if (DECODER_INITIALIZATION != null && DECODER_INITIALIZATION.isInstance(e)) {
      return new AuthenticationServiceException("The JWT decoder could not be built", e);
    }
    return null;
  }
}
