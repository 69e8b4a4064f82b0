/**
 * Spring Security integration: the tenant of an authenticated principal and the security chain's
 * share of Tenantry.
 *
 * <ul>
 *   <li>{@link io.tenantry.spring.security.AuthenticationTenantConverter} — turns an
 *       {@code Authentication} into a tenant context; the default
 *       {@link io.tenantry.spring.security.JwtClaimsTenantConverter} reads a JWT verified by the OAuth2
 *       resource server (claim names from {@code tenantry.jwt.*});</li>
 *   <li>{@link io.tenantry.spring.security.RegisterKeyAuthentication} — the authentication of a
 *       request made with a register key;</li>
 *   <li>{@link io.tenantry.spring.security.TenantrySecurityCustomizer} — applied by Spring Security to
 *       every {@code HttpSecurity}: places the tenant filter after authentication, exempts register-key
 *       requests from CSRF, and answers failures with problem details.</li>
 * </ul>
 */
package io.tenantry.spring.security;
