/**
 * Machinery behind {@link io.tenantry.core.Tenancy}: the thread binding and the MDC keys. Not API:
 * it may change in any release. Only Tenantry's own integrations (context-propagation accessors,
 * the SQL layer) use it; application code uses {@code Tenancy} and {@code TenantPropagation}.
 */
package io.tenantry.core.internal;
