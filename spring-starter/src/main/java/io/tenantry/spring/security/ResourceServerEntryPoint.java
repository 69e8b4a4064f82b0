package io.tenantry.spring.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.resource.OAuth2ResourceServerConfigurer;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Sets the entry point of a chain's resource server, which also answers invalid tokens. Separate so
 * that the resource-server classes are only loaded when they are on the class path.
 */
final class ResourceServerEntryPoint {

  private ResourceServerEntryPoint() {}

  @SuppressWarnings("unchecked")
  static void apply(HttpSecurity http, AuthenticationEntryPoint entryPoint) {
    OAuth2ResourceServerConfigurer<HttpSecurity> resourceServer = http.getConfigurer(OAuth2ResourceServerConfigurer.class);
    if (resourceServer != null) {
      resourceServer.authenticationEntryPoint(entryPoint);
    }
  }
}
