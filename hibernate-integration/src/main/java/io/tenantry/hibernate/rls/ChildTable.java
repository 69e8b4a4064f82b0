package io.tenantry.hibernate.rls;

import java.util.Objects;

/**
 * A table that holds tenant data but maps no tenant column of its own: an {@code @ElementCollection}
 * table, a {@code @ManyToMany} (or {@code @OneToMany} with {@code @JoinTable}) join table, or a
 * {@code @SecondaryTable}. Its rows belong to the row of {@code owner} that {@code ownerKey} points to.
 *
 * @param table the child table
 * @param owner the tenant table that owns each row
 * @param ownerLevel how the owner is owned: the child carries the same tenant columns and policy
 * @param ownerKey the child's column holding the owner's id
 * @param element for a join table, the tenant table the other key points to, else {@code null}
 * @param elementKey the child's column holding the element's id, or {@code null}
 * @param kind what the mapping declared, for the generated comment
 */
record ChildTable(String table, String owner, TenantTableLevel ownerLevel, String ownerKey, String element,
    String elementKey, String kind) {

  ChildTable {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(ownerLevel, "ownerLevel");
    Objects.requireNonNull(ownerKey, "ownerKey");
    if (ownerLevel == TenantTableLevel.COMPANY_ROOT || ownerLevel == TenantTableLevel.STORE_ROOT) {
      throw new IllegalArgumentException("Table " + table + " belongs to " + owner + ", a row of Tenantry's own "
          + "hierarchy: map that data as a tenant-owned entity (extending CompanyOwned or StoreOwned, or with @CompanyId/@StoreId) instead");
    }
  }

  /** The same child with the names qualified by {@code schema}. */
  ChildTable qualified(String schema) {
    return new ChildTable(schema + "." + table, schema + "." + owner, ownerLevel, ownerKey,
        element == null ? null : schema + "." + element, elementKey, kind);
  }
}
