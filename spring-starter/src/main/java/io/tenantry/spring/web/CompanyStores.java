package io.tenantry.spring.web;

import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import io.tenantry.spring.internal.IsolatedJpa;
import java.util.UUID;

/**
 * Whether a store id names a store of the caller's company. Needed only for principals that see
 * every store: their grant is "all stores of the company", so an id from X-Store-Id must be checked
 * against the company's stores (an explicit grant list is checked without the database).
 */
final class CompanyStores {

  private final IsolatedJpa jpa;

  CompanyStores(IsolatedJpa jpa) {
    this.jpa = jpa;
  }

  boolean exists(TenantContext caller, UUID store) {
    Long count = Tenancy.supply(caller, () -> jpa.inTransaction(em -> em
        .createQuery("select count(s) from Store s where s.id = :id", Long.class)
        .setParameter("id", store)
        .getSingleResult()));
    return count != null && count > 0;
  }
}
