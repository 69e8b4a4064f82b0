package io.tenantry.core.model.internal;

import io.tenantry.core.NoTenantBoundException;
import io.tenantry.core.TenantContext;
import io.tenantry.core.internal.Bindings;
import io.tenantry.core.internal.SystemAccess;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Values of the Hibernate filter parameters declared on the owned-entity base classes, read from
 * the binding each time Hibernate renders SQL for a scoped entity. Every resolver fails closed:
 * no binding throws {@link NoTenantBoundException}; system access lifts store and register scoping
 * (company scoping is lifted by the tenant identifier resolver's root tenant).
 *
 * <p>Internal: the classes are public only because Hibernate instantiates them by reflection.
 */
public final class FilterParameters {

  /** Stands for "no such store/register": matches no row, keeps {@code in (...)} lists non-empty. */
  public static final UUID NOTHING = new UUID(0L, 0L);

  /** 1 for true, 0 for false: the filter conditions compare integers, portable across databases. */
  static final Integer TRUE = 1;
  static final Integer FALSE = 0;

  private FilterParameters() {}

  /** The bound tenant, {@code null} during system access; throws when nothing is bound. */
  static TenantContext tenantOrNullForSystem(String what) {
    Object binding = Bindings.current();
    if (binding instanceof TenantContext) {
      return (TenantContext) binding;
    }
    if (binding instanceof SystemAccess) {
      return null;
    }
    throw new NoTenantBoundException(what);
  }

  /** 1 when a tenant is bound or system access runs; throws otherwise. */
  public static final class Bound implements Supplier<Integer> {
    @Override
    public Integer get() {
      tenantOrNullForSystem("Reading a tenant-owned entity");
      return TRUE;
    }
  }

  /** The bound company id, for the {@code Company} entity itself; {@link #NOTHING} in system access. */
  public static final class Company implements Supplier<UUID> {
    @Override
    public UUID get() {
      TenantContext ctx = tenantOrNullForSystem("Reading a Company");
      return ctx == null ? NOTHING : ctx.companyId();
    }
  }

  /** 1 during system access (every company visible), 0 otherwise. */
  public static final class System implements Supplier<Integer> {
    @Override
    public Integer get() {
      return tenantOrNullForSystem("Reading a Company") == null ? TRUE : FALSE;
    }
  }

  /** 1 when no store restriction applies: all stores granted and none selected, or system access. */
  public static final class AllStores implements Supplier<Integer> {
    @Override
    public Integer get() {
      TenantContext ctx = tenantOrNullForSystem("Reading a store-owned entity");
      return ctx == null || (ctx.allStoresGranted() && ctx.storeId().isEmpty()) ? TRUE : FALSE;
    }
  }

  /** The visible stores: the selected one, else the granted ones; never empty. */
  public static final class Stores implements Supplier<List<UUID>> {
    @Override
    public List<UUID> get() {
      TenantContext ctx = tenantOrNullForSystem("Reading a store-owned entity");
      if (ctx == null) {
        return List.of(NOTHING);
      }
      if (ctx.storeId().isPresent()) {
        return List.of(ctx.storeId().get());
      }
      if (ctx.grantedStoreIds().isEmpty()) {
        return List.of(NOTHING);
      }
      return List.copyOf(ctx.grantedStoreIds());
    }
  }

  /**
   * The lowest visible store id in PostgreSQL's {@code uuid} order (unsigned, byte by byte), or the
   * lowest possible id when no store restriction applies. With {@link StoresHigh} it bounds the store
   * column by a range that an index on {@code (company_id, store_id, ...)} can serve even in a
   * generic plan, where {@code (:allStores = 1 or store_id in (:stores))} cannot be an index
   * condition; the exact check stays beside it.
   */
  public static final class StoresLow implements Supplier<UUID> {
    @Override
    public UUID get() {
      return storeRange()[0];
    }
  }

  /** The highest visible store id, or the highest possible id when no store restriction applies. */
  public static final class StoresHigh implements Supplier<UUID> {
    @Override
    public UUID get() {
      return storeRange()[1];
    }
  }

  static final UUID LOWEST = new UUID(0L, 0L);
  static final UUID HIGHEST = new UUID(-1L, -1L);

  private static UUID[] storeRange() {
    TenantContext ctx = tenantOrNullForSystem("Reading a store-owned entity");
    if (ctx == null || (ctx.allStoresGranted() && ctx.storeId().isEmpty())) {
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

  /** 1 when no register restriction applies (no register bound, or system access). */
  public static final class AnyRegister implements Supplier<Integer> {
    @Override
    public Integer get() {
      TenantContext ctx = tenantOrNullForSystem("Reading a register-owned entity");
      return ctx == null || ctx.registerId().isEmpty() ? TRUE : FALSE;
    }
  }

  /** The bound register, or {@link #NOTHING}. */
  public static final class Register implements Supplier<UUID> {
    @Override
    public UUID get() {
      TenantContext ctx = tenantOrNullForSystem("Reading a register-owned entity");
      return ctx == null ? NOTHING : ctx.registerId().orElse(NOTHING);
    }
  }

}
