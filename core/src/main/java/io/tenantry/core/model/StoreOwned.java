package io.tenantry.core.model;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PrePersist;
import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantScopeRequiredException;
import io.tenantry.core.TenantScopeRequiredException.Scope;
import java.util.UUID;

/**
 * Base class of entities owned by one store: price overrides, shifts, stock, sales.
 *
 * <p>Adds {@code store_id uuid not null}, which the table references with
 * {@code foreign key (company_id, store_id) references tenantry_store (company_id, id)}. Reads see
 * the selected store when one is bound, otherwise every granted store (the consolidated view); the
 * store is stamped from the bound store on insert and can never change afterwards.
 */
@MappedSuperclass
public abstract class StoreOwned extends CompanyOwned {

  @Column(name = "store_id", nullable = false, updatable = false)
  private UUID storeId;

  /** Stamps the selected store on a new row, or says how to choose one. */
  @PrePersist
  void tenantryStampStore() {
    if (storeId == null) {
      storeId = Tenancy.current().storeId().orElseThrow(() -> new TenantScopeRequiredException(
          Scope.STORE, "Persisting " + getClass().getSimpleName() + " needs a store: bind one (TenantContext.ofStore, "
              + "withStore) or choose one of the granted stores on the entity before persisting it."));
    }
  }

  /** The owning store; stamped from the bound store when the row is inserted. */
  public UUID getStoreId() {
    return storeId;
  }

  /**
   * Chooses the store for a new row when no single store is bound (an owner creating data for one
   * of the granted stores). Ignored once the row exists; the store must be granted.
   */
  protected void assignStore(UUID storeId) {
    this.storeId = storeId;
  }
}
