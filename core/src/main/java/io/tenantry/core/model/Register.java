package io.tenantry.core.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.UUID;

/**
 * A terminal in one store, with its own transaction history and local database. Table
 * {@code tenantry_register}; unique per {@code (company_id, store_id, id)} so that register-owned
 * rows can reference register and store together.
 */
@Entity
@Table(name = "tenantry_register")
public class Register extends StoreOwned {

  @Column(name = "name", nullable = false, length = 200)
  private String name;

  /** For JPA. */
  protected Register() {}

  /** A new register of the bound store. */
  public Register(String name) {
    this.name = Names.require(name, "register name");
  }

  /** A new register of the given store, for a principal that sees several stores. */
  public Register(String name, UUID storeId) {
    this(name);
    assignStore(storeId);
  }

  /** The display name, e.g. "Register 1". */
  public String getName() {
    return name;
  }

  /** Renames the register. */
  public void rename(String name) {
    this.name = Names.require(name, "register name");
  }
}
