package io.tenantry.core.model.internal;

import io.tenantry.core.TenantContext;
import java.util.List;
import java.util.UUID;

/**
 * The values of the tenant conditions for a bound tenant, as {@code tenantry-hibernate} binds them
 * at each execution of a scoped statement: the visible stores, and a store range an index on
 * {@code (company_id, store_id, ...)} can use even in a PostgreSQL generic plan. Internal.
 */
public final class ScopeValues {

  /** Stands for "no such store/register": matches no row, keeps the store array non-empty. */
  public static final UUID NOTHING = new UUID(0L, 0L);
  /** The lowest uuid in PostgreSQL's order. */
  public static final UUID LOWEST = new UUID(0L, 0L);
  /** The highest uuid in PostgreSQL's order. */
  public static final UUID HIGHEST = new UUID(-1L, -1L);

  private ScopeValues() {}

  /** Whether no store restriction applies: every store granted and none selected. */
  public static boolean allStores(TenantContext ctx) {
    return ctx.allStoresGranted() && ctx.storeId().isEmpty();
  }

  /** The visible stores: the selected one, else the granted ones; never empty ({@link #NOTHING} for none). */
  public static UUID[] stores(TenantContext ctx) {
    if (ctx.storeId().isPresent()) {
      return new UUID[] {ctx.storeId().get()};
    }
    List<UUID> granted = List.copyOf(ctx.grantedStoreIds());
    return granted.isEmpty() ? new UUID[] {NOTHING} : granted.toArray(new UUID[0]);
  }

  /**
   * The lowest and highest visible store in PostgreSQL's {@code uuid} order (unsigned, byte by byte),
   * or the whole range when no store restriction applies. Beside the exact check it bounds the store
   * column by a range that an index can serve in a generic plan, where
   * {@code (? = 1 or store_id = any (?))} cannot be an index condition.
   */
  public static UUID[] storeRange(TenantContext ctx) {
    if (allStores(ctx)) {
      return new UUID[] {LOWEST, HIGHEST};
    }
    if (ctx.storeId().isPresent()) {
      UUID store = ctx.storeId().get();
      return new UUID[] {store, store};
    }
    UUID low = null;
    UUID high = null;
    for (UUID store : ctx.grantedStoreIds()) {
      low = low == null || unsignedCompare(store, low) < 0 ? store : low;
      high = high == null || unsignedCompare(store, high) > 0 ? store : high;
    }
    return low == null ? new UUID[] {NOTHING, NOTHING} : new UUID[] {low, high};
  }

  /** Compares as PostgreSQL orders {@code uuid} values: the 16 bytes unsigned, most significant first. */
  static int unsignedCompare(UUID a, UUID b) {
    int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
    return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
  }
}
