package io.tenantry.spring.cache;

import io.tenantry.core.TenantContext;
import io.tenantry.core.internal.Bindings;
import java.io.Serializable;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.cache.interceptor.SimpleKey;

/**
 * A cache key made of the caller's view of the data and the method's own key. The view is
 * everything that changes what a scoped query returns: company, selected store, register and the
 * granted stores; or system access; or nothing bound. Two callers share an entry only when they
 * would have read the same rows.
 *
 * <p>An explicit {@code key} on {@code @Cacheable} bypasses the key generator; build the key with
 * this class so that it still carries the tenant:
 * <pre>{@code
 * @Cacheable(cacheNames = "prices", key = "T(io.tenantry.spring.cache.TenantCacheKey).of(#sku)")
 * }</pre>
 *
 * @param scope the caller's view, e.g. {@code company=…;store=…;register=-;stores=ALL}
 * @param key the method's own key
 */
public record TenantCacheKey(String scope, Object key) implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Requires both parts. */
  public TenantCacheKey {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(key, "key");
  }

  /** The key of {@code params} for the current binding. */
  public static TenantCacheKey of(Object... params) {
    Object key = params.length == 0 ? SimpleKey.EMPTY
        : params.length == 1 && params[0] != null && !params[0].getClass().isArray() ? params[0]
        : new SimpleKey(params);
    return new TenantCacheKey(currentScope(), key);
  }

  static String currentScope() {
    TenantContext ctx = Bindings.tenant();
    if (ctx != null) {
      return "company=" + ctx.companyId()
          + ";store=" + ctx.storeId().map(UUID::toString).orElse("-")
          + ";register=" + ctx.registerId().map(UUID::toString).orElse("-")
          + ";stores=" + (ctx.allStoresGranted() ? "ALL" : new TreeSet<>(ctx.grantedStoreIds()).toString());
    }
    if (Bindings.isSystemAccess()) {
      return "system";
    }
    return "none";
  }
}
