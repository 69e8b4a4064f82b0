package io.tenantry.hibernate.internal;

import io.tenantry.core.model.Company;
import org.hibernate.mapping.Collection;
import org.hibernate.mapping.ManyToOne;
import org.hibernate.mapping.OneToMany;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Value;
import org.hibernate.persister.collection.CollectionPersister;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.persister.entity.JoinedSubclassEntityPersister;
import org.hibernate.persister.entity.SingleTableEntityPersister;
import org.hibernate.persister.entity.UnionSubclassEntityPersister;
import org.hibernate.persister.internal.StandardPersisterClassResolver;

/**
 * Hibernate's standard persisters, with Tenantry's scoped ones for tenant-owned entities (and
 * {@link Company}) and for collections whose elements are tenant-owned. Installed by
 * {@link TenantryServiceContributor}.
 */
public final class TenantryPersisterClassResolver extends StandardPersisterClassResolver {

  private static final long serialVersionUID = 1L;

  static boolean owned(Class<?> type) {
    return type != null && (Company.class.isAssignableFrom(type) || OwnedEntityMetadata.owned(type));
  }

  @Override
  public Class<? extends EntityPersister> getEntityPersisterClass(PersistentClass model) {
    Class<? extends EntityPersister> standard = super.getEntityPersisterClass(model);
    if (!owned(model.getMappedClass())) {
      return standard;
    }
    if (standard == SingleTableEntityPersister.class) {
      return ScopedSingleTableEntityPersister.class;
    }
    if (standard == JoinedSubclassEntityPersister.class) {
      return ScopedJoinedSubclassEntityPersister.class;
    }
    if (standard == UnionSubclassEntityPersister.class) {
      return ScopedUnionSubclassEntityPersister.class;
    }
    return standard;
  }

  @Override
  public Class<? extends CollectionPersister> getCollectionPersisterClass(Collection metadata) {
    Value element = metadata.getElement();
    if (element instanceof OneToMany && owned(((OneToMany) element).getAssociatedClass().getMappedClass())) {
      return ScopedOneToManyPersister.class;
    }
    if (element instanceof ManyToOne) {
      PersistentClass target = metadata.getMetadata() == null ? null
          : metadata.getMetadata().getEntityBinding(((ManyToOne) element).getReferencedEntityName());
      if (target != null && owned(target.getMappedClass())) {
        return ScopedBasicCollectionPersister.class;
      }
    }
    return super.getCollectionPersisterClass(metadata);
  }
}
