/**
 * Spring Cache keys that carry the tenant, so one tenant never reads an entry cached for another:
 * {@link io.tenantry.spring.cache.TenantAwareKeyGenerator}
 * is the default key generator, and {@link io.tenantry.spring.cache.TenantCacheKey#of(Object...)}
 * builds the same kind of key from an explicit {@code key} expression.
 */
package io.tenantry.spring.cache;
