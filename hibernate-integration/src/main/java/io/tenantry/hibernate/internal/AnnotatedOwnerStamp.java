package io.tenantry.hibernate.internal;

import io.tenantry.core.TenantContext;
import io.tenantry.core.TenantScopeRequiredException;
import io.tenantry.core.TenantScopeRequiredException.Scope;
import io.tenantry.core.internal.Bindings;
import io.tenantry.core.model.internal.Ownership;
import org.hibernate.engine.spi.EntityEntry;
import org.hibernate.event.spi.EventSource;
import org.hibernate.event.spi.PersistContext;
import org.hibernate.event.spi.PersistEvent;
import org.hibernate.event.spi.PersistEventListener;
import org.hibernate.persister.entity.EntityPersister;

/**
 * What the base classes' {@code @PrePersist} methods do, for entities declared with the annotations:
 * on {@code persist} of a new row, stamps the bound company (and the bound store and register where
 * the row has none yet), or fails at once with the fix when no tenant, store or register is bound.
 * Runs before Hibernate's own persist listener, so the persistence context's snapshot holds the
 * stamp. {@link TenantGuard} checks every inserted row again, whichever way it was declared.
 */
final class AnnotatedOwnerStamp implements PersistEventListener {

  private static final long serialVersionUID = 1L;

  @Override
  public void onPersist(PersistEvent event) {
    stamp(event);
  }

  @Override
  public void onPersist(PersistEvent event, PersistContext createCache) {
    stamp(event);
  }

  private static void stamp(PersistEvent event) {
    Object entity = event.getObject();
    if (entity == null || !org.hibernate.Hibernate.isInitialized(entity)) {
      return;
    }
    Ownership owner = OwnedEntityMetadata.ownership(entity.getClass());
    if (owner == null || !owner.annotated()) {
      return;
    }
    EventSource session = event.getSession();
    EntityEntry entry = session.getPersistenceContextInternal().getEntry(entity);
    if (entry != null) {
      return; // already managed (or being deleted): not a new row
    }
    EntityPersister persister = session.getEntityPersister(event.getEntityName(), entity);
    String what = "Persisting " + entity.getClass().getSimpleName();
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
