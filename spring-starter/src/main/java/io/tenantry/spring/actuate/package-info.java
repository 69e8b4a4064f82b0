/**
 * Operations: the {@code tenantry} actuator endpoint ({@link io.tenantry.spring.actuate.TenantryEndpoint})
 * with platform-wide counts and the slot for the isolation audit's result
 * ({@link io.tenantry.spring.actuate.IsolationAuditResults}).
 */
package io.tenantry.spring.actuate;
