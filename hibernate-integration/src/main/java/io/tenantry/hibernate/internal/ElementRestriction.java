package io.tenantry.hibernate.internal;

import org.hibernate.HibernateException;
import org.hibernate.persister.entity.EntityPersister;

/** The tenant conditions of a collection's element entity, which must be one of Tenantry's persisters. */
final class ElementRestriction {

  private ElementRestriction() {}

  static TenantRestriction of(EntityPersister element) {
    TenantRestriction restriction =
        element instanceof TenantScopedPersister ? ((TenantScopedPersister) element).tenantRestriction() : null;
    if (restriction == null) {
      throw new HibernateException("Tenantry: the collection of " + element.getEntityName() + " was given a "
          + "scoped collection persister, but the entity has no tenant conditions (is it tenant-owned?)");
    }
    return restriction;
  }
}
