package io.tenantry.core.model;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PrePersist;
import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantScopeRequiredException;
import io.tenantry.core.TenantScopeRequiredException.Scope;
import java.util.UUID;

/**
 * Base class of entities owned by one register: its sales, its cash drawer sessions.
 *
 * <p>Adds {@code register_id uuid not null}, referenced with
 * {@code foreign key (company_id, store_id, register_id) references tenantry_register (company_id, store_id, id)}.
 * A register sees only its own rows; an owner or manager (no register bound) sees the rows of every
 * register of the visible stores. Stamped from the bound register on insert; never changes.
 */
@MappedSuperclass
public abstract class RegisterOwned extends StoreOwned {

  @Column(name = "register_id", nullable = false, updatable = false)
  private UUID registerId;

  /** Stamps the bound register on a new row, or says how to bind one. */
  @PrePersist
  void tenantryStampRegister() {
    if (registerId == null) {
      registerId = Tenancy.current().registerId().orElseThrow(() -> new TenantScopeRequiredException(
          Scope.REGISTER, "Persisting " + getClass().getSimpleName() + " needs a register: bind one with "
              + "TenantContext.ofRegister(company, store, register)."));
    }
  }

  /** The owning register; stamped from the bound register when the row is inserted. */
  public UUID getRegisterId() {
    return registerId;
  }
}
