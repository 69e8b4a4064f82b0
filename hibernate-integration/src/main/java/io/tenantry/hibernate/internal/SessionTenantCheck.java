package io.tenantry.hibernate.internal;

import io.tenantry.core.model.Company;
import org.hibernate.collection.spi.PersistentCollection;
import org.hibernate.event.spi.InitializeCollectionEvent;
import org.hibernate.event.spi.InitializeCollectionEventListener;
import org.hibernate.event.spi.LoadEvent;
import org.hibernate.event.spi.LoadEventListener;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Runs before Hibernate's own load and collection-initialisation listeners: a {@code find},
 * {@code getReference}, proxy or lazy-collection initialisation of tenant-owned data in a session
 * opened for another tenant than the bound one is refused before anything is read, so no row of the
 * new tenant enters the session or the second-level cache under the session's old tenant.
 */
final class SessionTenantCheck implements LoadEventListener, InitializeCollectionEventListener {

  private static final long serialVersionUID = 1L;

  @Override
  public void onLoad(LoadEvent event, LoadType loadType) {
    EntityPersister persister = event.getSession().getFactory().getMappingMetamodel()
        .findEntityDescriptor(event.getEntityClassName());
    if (persister != null && TenantryPersisterClassResolver.owned(persister.getMappedClass())) {
      TenantGuard.checkSessionTenant(event.getSession());
    }
  }

  @Override
  public void onInitializeCollection(InitializeCollectionEvent event) {
    PersistentCollection<?> collection = event.getCollection();
    Object owner = collection.getOwner();
    if (owner instanceof Company || OwnedEntityMetadata.ownedInstance(owner) || scoped(event, collection)) {
      TenantGuard.checkSessionTenant(event.getSession());
    }
  }

  private static boolean scoped(InitializeCollectionEvent event, PersistentCollection<?> collection) {
    Object persister = event.getSession().getFactory().getMappingMetamodel()
        .getCollectionDescriptor(collection.getRole());
    return persister instanceof ScopedOneToManyPersister || persister instanceof ScopedBasicCollectionPersister;
  }
}
