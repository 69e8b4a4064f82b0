package io.tenantry.spring.security;

import io.tenantry.spring.web.TenantFilter;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.util.ClassUtils;

/**
 * Adds the tenant filter to the chain and, when the chain is an OAuth2 resource server, gives it the
 * problem-details entry point, which also answers a token the server could not check (503). Runs when the chain
 * is built, after the application configured it.
 */
final class TenantryHttpConfigurer extends AbstractHttpConfigurer<TenantryHttpConfigurer, HttpSecurity> {

  private static final boolean RESOURCE_SERVER = ClassUtils.isPresent(
      "org.springframework.security.config.annotation.web.configurers.oauth2.server.resource."
          + "OAuth2ResourceServerConfigurer", TenantryHttpConfigurer.class.getClassLoader());

  private final TenantFilter filter;
  private final AuthenticationEntryPoint entryPoint;

  TenantryHttpConfigurer(TenantFilter filter, AuthenticationEntryPoint entryPoint) {
    this.filter = filter;
    this.entryPoint = entryPoint;
  }

  @Override
  public void init(HttpSecurity http) {
    if (entryPoint != null && RESOURCE_SERVER) {
      ResourceServerEntryPoint.apply(http, entryPoint);
    }
  }

  @Override
  public void configure(HttpSecurity http) {
    http.addFilterBefore(filter, AnonymousAuthenticationFilter.class);
    if (entryPoint instanceof ProblemAuthenticationEntryPoint problems && RESOURCE_SERVER) {
      ResourceServerEntryPoint.answerFailedChecks(http, problems);
    }
  }
}
