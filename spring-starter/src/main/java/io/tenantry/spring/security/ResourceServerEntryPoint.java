package io.tenantry.spring.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.resource.OAuth2ResourceServerConfigurer;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Sets the entry point of a chain's resource server, which also answers invalid tokens, and puts the
 * {@link TokenCheckFailureFilter} before its bearer filter. Separate so that the resource-server classes are only
 * loaded when they are on the class path.
 */
final class ResourceServerEntryPoint {

  private ResourceServerEntryPoint() {}

  /** At {@code init}: the resource server's entry point, when the chain is a resource server. */
  static void apply(HttpSecurity http, AuthenticationEntryPoint entryPoint) {
    OAuth2ResourceServerConfigurer<HttpSecurity> resourceServer = resourceServer(http);
    if (resourceServer != null) {
      resourceServer.authenticationEntryPoint(entryPoint);
    }
  }

  /**
   * At {@code configure}: a token check that failed on the server's side is answered by {@code entryPoint} (503)
   * instead of escaping to the container, when the chain is a resource server.
   */
  static void answerFailedChecks(HttpSecurity http, ProblemAuthenticationEntryPoint entryPoint) {
    if (resourceServer(http) != null) {
      http.addFilterBefore(new TokenCheckFailureFilter(entryPoint), BearerTokenAuthenticationFilter.class);
    }
  }

  @SuppressWarnings("unchecked")
  private static OAuth2ResourceServerConfigurer<HttpSecurity> resourceServer(HttpSecurity http) {
    return http.getConfigurer(OAuth2ResourceServerConfigurer.class);
  }
}
