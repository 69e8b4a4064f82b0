package io.tenantry.hibernate.internal;

import io.tenantry.core.TenantContext;
import io.tenantry.core.TenantScopeRequiredException;
import io.tenantry.core.TenantScopeRequiredException.Scope;
import io.tenantry.core.internal.Bindings;
import io.tenantry.core.model.internal.Ownership;
import org.hibernate.engine.spi.EntityEntry;
import org.hibernate.event.spi.EventSource;
import org.hibernate.event.spi.MergeContext;
import org.hibernate.event.spi.MergeEvent;
import org.hibernate.event.spi.MergeEventListener;
import org.hibernate.event.spi.PersistContext;
import org.hibernate.event.spi.PersistEvent;
import org.hibernate.event.spi.PersistEventListener;
import org.hibernate.persister.entity.EntityPersister;

/**
 * What the base classes' {@code @PrePersist} methods do, for entities declared with the annotations:
 * on {@code persist} or {@code merge} of an entity that is not managed, fills its empty tenant
 * attributes with the bound company (and the bound store and register), or fails at once with the
 * fix when no tenant, store or register is bound. Runs before Hibernate's own listeners, so the
 * persistence context's snapshot (and, for a merge, the copy) holds the stamp before Hibernate checks
 * the not-null columns. Values already set are left alone: {@link TenantGuard} checks every written
 * row against the binding, whichever way it was declared.
 */
final class AnnotatedOwnerStamp implements PersistEventListener, MergeEventListener {

  private static final long serialVersionUID = 1L;

  @Override
  public void onPersist(PersistEvent event) {
    stamp("Persisting", event.getSession(), event.getEntityName(), event.getObject());
  }

  @Override
  public void onPersist(PersistEvent event, PersistContext createCache) {
    stamp("Persisting", event.getSession(), event.getEntityName(), event.getObject());
  }

  @Override
  public void onMerge(MergeEvent event) {
    stamp("Merging", event.getSession(), event.getEntityName(), event.getOriginal());
  }

  @Override
  public void onMerge(MergeEvent event, MergeContext copiedAlready) {
    stamp("Merging", event.getSession(), event.getEntityName(), event.getOriginal());
  }

  private static void stamp(String verb, EventSource session, String entityName, Object entity) {
    if (entity == null || !org.hibernate.Hibernate.isInitialized(entity)) {
      return;
    }
    Ownership owner = OwnedEntityMetadata.ownership(entity.getClass());
    if (owner == null || !owner.annotated()) {
      return;
    }
    EntityEntry entry = session.getPersistenceContextInternal().getEntry(entity);
    if (entry != null) {
      return; // already managed (or being deleted): not a new row
    }
    EntityPersister persister = session.getEntityPersister(entityName, entity);
    if (owner.attributes().stream().allMatch(a -> persister.getValue(entity, index(persister, a)) != null)) {
      return; // nothing to fill; the guard checks the values
    }
    String what = verb + " " + entity.getClass().getSimpleName();
    TenantContext tenant = Bindings.requireTenant(what);
    set(persister, entity, owner.companyAttribute(), tenant.companyId());
    if (owner.storeLevel() && persister.getValue(entity, index(persister, owner.storeAttribute())) == null) {
      set(persister, entity, owner.storeAttribute(), tenant.storeId().orElseThrow(() -> new TenantScopeRequiredException(
          Scope.STORE, what + " needs a store: bind one (TenantContext.ofStore, withStore) or set one of the "
              + "granted stores in its @StoreId field before persisting it.")));
    }
    if (owner.registerLevel() && persister.getValue(entity, index(persister, owner.registerAttribute())) == null) {
      set(persister, entity, owner.registerAttribute(), tenant.registerId().orElseThrow(
          () -> new TenantScopeRequiredException(Scope.REGISTER, what + " needs a register: bind one with "
              + "TenantContext.ofRegister(company, store, register).")));
    }
  }

  private static int index(EntityPersister persister, String attribute) {
    return persister.getPropertyIndex(attribute);
  }

  /** Fills an empty tenant attribute; a value already there is left for {@link TenantGuard} to check. */
  private static void set(EntityPersister persister, Object entity, String attribute, Object value) {
    int i = index(persister, attribute);
    if (persister.getValue(entity, i) == null) {
      persister.setValue(entity, i, value);
    }
  }
}
