package io.tenantry.core;

import io.tenantry.core.internal.Binding;
import io.tenantry.core.internal.Bindings;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who the current work is done for: a company (the tenant), optionally one of its stores and one of
 * that store's registers, the stores the principal may see, and the principal's name for audit.
 *
 * <p>Instances are immutable and validated when built, so a context that exists is consistent:
 * <ul>
 *   <li>the company id is always present;</li>
 *   <li>a register is only bound together with its store;</li>
 *   <li>a bound store is always inside the granted stores.</li>
 * </ul>
 *
 * <p>Store visibility is either <em>all stores of the company</em> (an owner, a company-wide job) or an
 * explicit set of store ids (a manager with two of three stores, a cashier with one). When a single
 * store is bound, scoped reads see that store only; when none is bound they see every granted store
 * (the consolidated view).
 *
 * <pre>{@code
 * TenantContext owner   = TenantContext.ofCompany(companyId);
 * TenantContext cashier = TenantContext.ofRegister(companyId, storeId, registerId);
 * TenantContext manager = TenantContext.builder(companyId)
 *     .grantedStores(Set.of(mainSt, oakAve))
 *     .principal("maria@example.com")
 *     .build();
 * TenantContext drilled = manager.withStore(oakAve); // the store switcher
 * }</pre>
 */
public final class TenantContext {

  static {
    Bindings.readBindingsWith(ctx -> ctx.binding);
  }

  private final UUID companyId;
  private final UUID storeId;
  private final UUID registerId;
  private final boolean allStores;
  private final Set<UUID> grantedStores;
  private final String principal;
  /** This context as the thread binds it, with its MDC strings: made once, as it is bound far more often than built. */
  private final Binding.Tenant binding;

  private TenantContext(Builder b) {
    this.companyId = b.companyId;
    this.storeId = b.storeId;
    this.registerId = b.registerId;
    this.allStores = b.allStores;
    this.grantedStores = b.grantedStores;
    this.principal = b.principal;
    this.binding = new Binding.Tenant(this, companyId.toString(), storeId == null ? null : storeId.toString(),
        registerId == null ? null : registerId.toString());
  }

  /** A context for the whole company: every store is visible, none is selected. */
  public static TenantContext ofCompany(UUID companyId) {
    return builder(companyId).allStores().build();
  }

  /** A context bound to one store, which is also the only store granted. */
  public static TenantContext ofStore(UUID companyId, UUID storeId) {
    return builder(companyId).store(storeId).build();
  }

  /** A context bound to one register of one store, the way a register terminal calls. */
  public static TenantContext ofRegister(UUID companyId, UUID storeId, UUID registerId) {
    return builder(companyId).store(storeId).register(registerId).build();
  }

  /** Starts a context for the given company; see {@link Builder} for the defaults. */
  public static Builder builder(UUID companyId) {
    return new Builder(companyId);
  }

  /** The company (tenant) id; never null. */
  public UUID companyId() {
    return companyId;
  }

  /** The selected store, if one is bound. */
  public Optional<UUID> storeId() {
    return Optional.ofNullable(storeId);
  }

  /** The register, if one is bound; a register always comes with its {@link #storeId() store}. */
  public Optional<UUID> registerId() {
    return Optional.ofNullable(registerId);
  }

  /** Whether the principal may see every store of the company (rather than an explicit set). */
  public boolean allStoresGranted() {
    return allStores;
  }

  /**
   * The explicitly granted store ids. Empty when {@link #allStoresGranted()} is true (check that
   * first) or when the principal may see no store at all.
   */
  public Set<UUID> grantedStoreIds() {
    return grantedStores;
  }

  /** Whether rows of the given store are visible under this context's grants (ignores the selection). */
  public boolean isGranted(UUID store) {
    return allStores || grantedStores.contains(store);
  }

  /**
   * Whether rows of the given store are visible now: the selected store when one is bound,
   * otherwise any granted store. This is the rule the ORM scoping and row-level security apply.
   */
  public boolean canSee(UUID store) {
    return storeId != null ? storeId.equals(store) : isGranted(store);
  }

  /** The principal's name for audit and logs, if known. */
  public Optional<String> principal() {
    return Optional.ofNullable(principal);
  }

  /**
   * The same principal with one store selected: the store switcher. The store must be granted, and
   * a register binding is dropped (a register belongs to exactly one store).
   *
   * @throws IllegalArgumentException when the store is not among the granted stores
   */
  public TenantContext withStore(UUID store) {
    Objects.requireNonNull(store, "store id is required; use withoutStore() for the consolidated view");
    return toBuilder().store(store).register(null).build();
  }

  /** The same principal with no store selected: the consolidated view over every granted store. */
  public TenantContext withoutStore() {
    return toBuilder().store(null).register(null).build();
  }

  private Builder toBuilder() {
    Builder b = new Builder(companyId);
    b.allStores = allStores;
    b.grantsGiven = true;
    b.grantedStores = grantedStores;
    b.principal = principal;
    b.storeId = storeId;
    b.registerId = registerId;
    return b;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof TenantContext)) {
      return false;
    }
    TenantContext other = (TenantContext) o;
    return allStores == other.allStores
        && companyId.equals(other.companyId)
        && Objects.equals(storeId, other.storeId)
        && Objects.equals(registerId, other.registerId)
        && grantedStores.equals(other.grantedStores)
        && Objects.equals(principal, other.principal);
  }

  @Override
  public int hashCode() {
    return Objects.hash(companyId, storeId, registerId, allStores, grantedStores, principal);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("TenantContext[company=").append(companyId);
    if (storeId != null) {
      sb.append(", store=").append(storeId);
    }
    if (registerId != null) {
      sb.append(", register=").append(registerId);
    }
    sb.append(", stores=").append(allStores ? "ALL" : grantedStores.toString());
    if (principal != null) {
      sb.append(", principal=").append(principal);
    }
    return sb.append(']').toString();
  }

  /**
   * Builds a {@link TenantContext}. Defaults: no store selected; granted stores are the selected
   * store when one is set, otherwise none (fail closed: call {@link #allStores()} or
   * {@link #grantedStores(Collection)} to widen).
   */
  public static final class Builder {
    private final UUID companyId;
    private UUID storeId;
    private UUID registerId;
    private boolean allStores;
    private boolean grantsGiven;
    private Set<UUID> grantedStores = Set.of();
    private String principal;

    private Builder(UUID companyId) {
      if (companyId == null) {
        throw new IllegalArgumentException(
            "A TenantContext needs a company id: pass the company (tenant) id to "
                + "TenantContext.builder(companyId); for cross-tenant work use Tenancy.runAsSystem(reason, ...)");
      }
      this.companyId = companyId;
    }

    /** Selects one store (or none, with {@code null}). It must be granted when grants are given. */
    public Builder store(UUID storeId) {
      this.storeId = storeId;
      return this;
    }

    /** Selects one register (or none, with {@code null}); requires {@link #store(UUID)}. */
    public Builder register(UUID registerId) {
      this.registerId = registerId;
      return this;
    }

    /** Grants every store of the company, present and future. */
    public Builder allStores() {
      this.allStores = true;
      this.grantsGiven = true;
      this.grantedStores = Set.of();
      return this;
    }

    /** Grants exactly these stores (an empty collection grants none). */
    public Builder grantedStores(Collection<UUID> storeIds) {
      String fix = "grantedStores needs a collection of store ids without nulls; "
          + "use allStores() to grant every store, or an empty collection to grant none";
      if (storeIds == null) {
        throw new IllegalArgumentException(fix);
      }
      Set<UUID> copy = new LinkedHashSet<>(storeIds);
      for (UUID id : copy) {
        if (id == null) {
          throw new IllegalArgumentException(fix);
        }
      }
      this.allStores = false;
      this.grantsGiven = true;
      this.grantedStores = Collections.unmodifiableSet(copy);
      return this;
    }

    /** The principal's name for audit and logs (a user's email, a register's name, a job's name). */
    public Builder principal(String principal) {
      this.principal = principal;
      return this;
    }

    /**
     * Validates and builds the context.
     *
     * @throws IllegalArgumentException naming the fix when a register has no store or the
     *     selected store is not granted
     */
    public TenantContext build() {
      if (registerId != null && storeId == null) {
        throw new IllegalArgumentException(
            "Register " + registerId + " is bound without its store: a register belongs to exactly one "
                + "store, so call store(storeId) as well, e.g. TenantContext.ofRegister(company, store, register)");
      }
      if (storeId != null) {
        if (!grantsGiven) {
          grantedStores = Set.of(storeId);
        } else if (!allStores && !grantedStores.contains(storeId)) {
          throw new IllegalArgumentException(
              "Store " + storeId + " is selected but not granted (granted: " + grantedStores + "): "
                  + "select one of the granted stores, or add it with grantedStores(...) / allStores()");
        }
      }
      return new TenantContext(this);
    }
  }
}
