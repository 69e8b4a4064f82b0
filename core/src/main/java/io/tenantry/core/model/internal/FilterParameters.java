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
