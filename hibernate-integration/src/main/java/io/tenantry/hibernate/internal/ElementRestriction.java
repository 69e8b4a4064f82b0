package io.tenantry.hibernate.internal;

import org.hibernate.HibernateException;
import org.hibernate.persister.entity.EntityPersister;

/** The tenant conditions of a collection's element entity, which must be one of Tenantry's persisters. */
final class ElementRestriction {

  private ElementRestriction() {}

  static TenantRestriction of(EntityPersister element) {
    TenantRestriction restriction = null;
    if (element instanceof ScopedSingleTableEntityPersister) {
      restriction = ((ScopedSingleTableEntityPersister) element).tenantRestriction();
    } else if (element instanceof ScopedJoinedSubclassEntityPersister) {
      restriction = ((ScopedJoinedSubclassEntityPersister) element).tenantRestriction();
    } else if (element instanceof ScopedUnionSubclassEntityPersister) {
      restriction = ((ScopedUnionSubclassEntityPersister) element).tenantRestriction();
    }
    if (restriction == null) {
      throw new HibernateException("Tenantry: the collection of " + element.getEntityName() + " was given a "
          + "scoped collection persister, but the entity has no tenant conditions (is it tenant-owned?)");
    }
    return restriction;
  }
}
