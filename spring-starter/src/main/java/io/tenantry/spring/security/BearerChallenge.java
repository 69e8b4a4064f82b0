package io.tenantry.spring.security;

import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

/** Creates the resource server's challenge; only loaded when the resource server is on the class path. */
final class BearerChallenge {

  private BearerChallenge() {}

  static AuthenticationEntryPoint create() {
    return new BearerTokenAuthenticationEntryPoint();
  }
}
