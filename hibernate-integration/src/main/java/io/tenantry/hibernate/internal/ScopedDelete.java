package io.tenantry.hibernate.internal;

import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.persister.entity.AbstractEntityPersister;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.persister.entity.mutation.DeleteCoordinator;
import org.hibernate.persister.entity.mutation.DeleteCoordinatorSoft;
import org.hibernate.persister.entity.mutation.DeleteCoordinatorStandard;

/**
 * Hibernate's delete coordinators for a tenant-owned entity, given the entity's own values when
 * Hibernate has no loaded state ({@code StatelessSession.delete}): the tenant restriction of the
 * DELETE ({@link MutationScoping}) is bound from them instead of failing on the missing state.
 */
final class ScopedDelete {

  private ScopedDelete() {}

  /** The coordinator for the persister, or {@code null} to keep Hibernate's for entities without tenant columns. */
  static DeleteCoordinator of(AbstractEntityPersister persister) {
    if (!OwnedEntityMetadata.owned(persister.getMappedClass())) {
      return null;
    }
    return persister.getSoftDeleteMapping() == null ? new Standard(persister) : new Soft(persister);
  }

  private static Object[] state(EntityPersister persister, Object entity, Object[] loadedState) {
    return loadedState == null && entity != null ? persister.getValues(entity) : loadedState;
  }

  private static final class Standard extends DeleteCoordinatorStandard {
    private final EntityPersister persister;

    Standard(AbstractEntityPersister persister) {
      super(persister, persister.getFactory());
      this.persister = persister;
    }

    @Override
    protected void doStaticDelete(Object entity, Object id, Object rowId, Object[] loadedState, Object version,
        SharedSessionContractImplementor session) {
      super.doStaticDelete(entity, id, rowId, state(persister, entity, loadedState), version, session);
    }
  }

  private static final class Soft extends DeleteCoordinatorSoft {
    private final EntityPersister persister;

    Soft(AbstractEntityPersister persister) {
      super(persister, persister.getFactory());
      this.persister = persister;
    }

    @Override
    protected void doStaticDelete(Object entity, Object id, Object rowId, Object[] loadedState, Object version,
        SharedSessionContractImplementor session) {
      super.doStaticDelete(entity, id, rowId, state(persister, entity, loadedState), version, session);
    }
  }
}
