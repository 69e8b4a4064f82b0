package io.tenantry.hibernate.rls;

/** How a table is owned, which decides its policy condition. */
public enum TenantTableLevel {
  /** The company table itself ({@code tenantry_company}): a row is visible to its own company. */
  COMPANY_ROOT,
  /** The store table itself ({@code tenantry_store}): its company, and only the visible stores. */
  STORE_ROOT,
  /** {@code company_id}: visible to the bound company. */
  COMPANY,
  /** {@code company_id}, {@code store_id}: the visible stores of the bound company. */
  STORE,
  /** {@code register_id} too: only the bound register, when one is bound. */
  REGISTER,
  /** {@code store_id} and {@code register_id} nullable: company-wide rows plus the visible store's and register's. */
  HIERARCHICAL
}
