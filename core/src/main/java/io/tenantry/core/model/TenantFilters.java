package io.tenantry.core.model;

/**
 * Names of the Hibernate filters that scope the owned entities. They are enabled automatically for
 * every session; applications never enable or disable them (the ArchUnit rules forbid it).
 */
public final class TenantFilters {

  /** Fails closed when a tenant-owned entity is read with no tenant bound. */
  public static final String GUARD = "tenantry_guard";
  /** The {@link Company} entity: only the bound company. */
  public static final String COMPANY = "tenantry_company";
  /** Store-owned rows (and {@link Store} itself): the selected store, else the granted stores. */
  public static final String STORE = "tenantry_store";
  /** Register-owned rows: the bound register, when one is bound. */
  public static final String REGISTER = "tenantry_register";

  private TenantFilters() {}
}
