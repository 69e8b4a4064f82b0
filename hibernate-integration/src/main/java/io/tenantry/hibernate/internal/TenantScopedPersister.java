package io.tenantry.hibernate.internal;

/** Tenantry's entity persisters: the tenant conditions of their entity type, for its collections' persisters. */
interface TenantScopedPersister {

  /** The entity type's tenant conditions, or {@code null} when it is not tenant-owned. */
  TenantRestriction tenantRestriction();
}
