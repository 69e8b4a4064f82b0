/**
 * Who is calling: the one request filter that binds the caller's tenant for the extent of a request,
 * and the HTTP side of isolation.
 *
 * <ul>
 *   <li>{@link io.tenantry.spring.web.TenantFilter} — tenant from an authenticated principal (see
 *       {@link io.tenantry.spring.web.CallerAuthentication}) or a register key, store selection with
 *       {@link io.tenantry.spring.web.TenantHeaders#STORE_ID}, binding through {@code Tenancy.call};</li>
 *   <li>{@link io.tenantry.spring.web.TenantryExceptionHandler} — RFC 9457 answers for isolation
 *       refusals (404) and missing tenants (401 or 500);</li>
 *   <li>{@link io.tenantry.spring.web.TenantResponseHeaders} — {@code Cache-Control: private} and
 *       {@code Vary} on tenant responses.</li>
 * </ul>
 *
 * A tenant id is never read from any other header or from a request body.
 */
package io.tenantry.spring.web;
