/**
 * The HTTP edge shared by every feature: security ({@link io.tenantry.examples.pos.web.SecurityConfig}:
 * JWTs this server mints, register keys and {@code X-Store-Id} resolved by the Tenantry starter),
 * who is calling ({@link io.tenantry.examples.pos.web.Caller}), input checks
 * ({@link io.tenantry.examples.pos.web.Input}, {@link io.tenantry.examples.pos.web.Money}) and RFC 9457
 * errors ({@link io.tenantry.examples.pos.web.ApiProblem}, answered by {@code ApiErrors}).
 */
package io.tenantry.examples.pos.web;
