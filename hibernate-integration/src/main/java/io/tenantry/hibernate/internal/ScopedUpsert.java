package io.tenantry.hibernate.internal;

import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.generator.values.GeneratedValues;
import org.hibernate.persister.entity.AbstractEntityPersister;
import org.hibernate.persister.entity.mutation.UpdateCoordinator;
import org.hibernate.sql.model.MutationOperationGroup;

/**
 * {@code StatelessSession.upsert} of a tenant-owned entity as an UPDATE of the existing row (with the
 * tenant in its WHERE clause, see {@link MutationScoping}) or an INSERT. Hibernate's own MERGE statement
 * repeats partition-key columns in its column lists, which PostgreSQL rejects; {@link TenantGuard} has
 * already read the existing row's tenant and refused a row of another tenant before this runs.
 */
final class ScopedUpsert implements UpdateCoordinator {

  private final AbstractEntityPersister persister;

  private ScopedUpsert(AbstractEntityPersister persister) {
    this.persister = persister;
  }

  /** The coordinator for the persister, or {@code null} to keep Hibernate's for entities without tenant columns. */
  static UpdateCoordinator of(AbstractEntityPersister persister) {
    return OwnedEntityMetadata.owned(persister.getMappedClass()) ? new ScopedUpsert(persister) : null;
  }

  @Override
  public GeneratedValues update(Object entity, Object id, Object rowId, Object[] values, Object oldVersion,
      Object[] incomingOldValues, int[] dirtyAttributeIndexes, boolean hasDirtyCollection,
      SharedSessionContractImplementor session) {
    OwnedEntityMetadata m = new OwnedEntityMetadata(persister);
    if (TenantGuard.tenantColumnsOrNull(session, m, id) == null) {
      return persister.getInsertCoordinator().insert(entity, id, values, session);
    }
    return persister.getUpdateCoordinator().update(entity, id, rowId, values, oldVersion,
        incomingOldValues != null ? incomingOldValues : values, dirtyAttributeIndexes, hasDirtyCollection, session);
  }

  @Override
  public void forceVersionIncrement(Object id, Object currentVersion, Object nextVersion,
      SharedSessionContractImplementor session) {
    persister.getUpdateCoordinator().forceVersionIncrement(id, currentVersion, nextVersion, session);
  }

  @Override
  public MutationOperationGroup getStaticMutationOperationGroup() {
    return persister.getUpdateCoordinator().getStaticMutationOperationGroup();
  }
}
