package io.tenantry.spring.web;

import io.tenantry.core.TenantContext;
import io.tenantry.spring.registerkey.RegisterIdentity;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * What the {@link TenantFilter} learns from the authentication mechanism in front of it (Spring
 * Security, when present). The starter provides the implementation; define a bean of this type only
 * to integrate another authentication framework.
 */
public interface CallerAuthentication {

  /** No authentication framework: only register keys identify callers. */
  CallerAuthentication NONE = new CallerAuthentication() {
    @Override
    public boolean isAuthenticated(HttpServletRequest request) {
      return false;
    }

    @Override
    public Optional<TenantContext> tenant(HttpServletRequest request) {
      return Optional.empty();
    }

    @Override
    public void registerKeyAccepted(HttpServletRequest request, RegisterIdentity identity) {
      // nothing to tell
    }
  };

  /** Whether a principal (other than an anonymous one) is already authenticated for this request. */
  boolean isAuthenticated(HttpServletRequest request);

  /**
   * The tenant of the authenticated principal, if it has one.
   *
   * @throws InvalidTenantClaimsException when the principal names a tenant in a form that cannot be
   *     trusted (a malformed company or store id); the request is refused with 401
   */
  Optional<TenantContext> tenant(HttpServletRequest request);

  /** Called when a register key was accepted, so that the framework treats the request as authenticated. */
  void registerKeyAccepted(HttpServletRequest request, RegisterIdentity identity);
}
