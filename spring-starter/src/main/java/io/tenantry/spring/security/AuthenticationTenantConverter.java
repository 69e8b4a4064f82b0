package io.tenantry.spring.security;

import io.tenantry.core.TenantContext;
import java.util.Optional;
import org.springframework.security.core.Authentication;

/**
 * Turns an authenticated principal into its tenant context. The starter's default reads the claims
 * of a verified JWT ({@link JwtClaimsTenantConverter}); define a bean of this type to read another
 * kind of authentication (opaque tokens, sessions), and it replaces the default.
 */
@FunctionalInterface
public interface AuthenticationTenantConverter {

  /**
   * The principal's tenant; empty when this authentication names no tenant (the request then runs
   * with none bound).
   *
   * @throws io.tenantry.spring.web.InvalidTenantClaimsException when the authentication names a
   *     tenant in a malformed way; the request is refused with 401
   */
  Optional<TenantContext> convert(Authentication authentication);
}
