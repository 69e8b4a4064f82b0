package io.tenantry.hibernate.internal;

import java.util.function.Consumer;
import org.hibernate.cache.spi.access.EntityDataAccess;
import org.hibernate.cache.spi.access.NaturalIdDataAccess;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.metamodel.spi.RuntimeModelCreationContext;
import org.hibernate.persister.entity.SingleTableEntityPersister;
import org.hibernate.persister.entity.mutation.DeleteCoordinator;
import org.hibernate.persister.entity.mutation.UpdateCoordinator;
import org.hibernate.query.sqm.mutation.spi.SqmMultiTableInsertStrategy;
import org.hibernate.sql.ast.spi.SqlAstCreationState;
import org.hibernate.sql.ast.tree.from.TableGroup;
import org.hibernate.sql.ast.tree.predicate.Predicate;

/**
 * Hibernate's {@link SingleTableEntityPersister} with Tenantry's tenant conditions added to every
 * restriction Hibernate applies for the entity ({@link TenantRestriction}). Chosen by
 * {@link TenantryPersisterClassResolver} for tenant-owned entities; public only because Hibernate
 * instantiates it by reflection.
 */
public final class ScopedSingleTableEntityPersister extends SingleTableEntityPersister
    implements TenantScopedPersister {

  private final transient TenantRestriction restriction;
  private final transient ScopedWrites writes;

  /** The constructor Hibernate calls. */
  public ScopedSingleTableEntityPersister(PersistentClass persistentClass, EntityDataAccess cacheAccess,
      NaturalIdDataAccess naturalIdCacheAccess, RuntimeModelCreationContext creationContext) {
    super(persistentClass, cacheAccess, naturalIdCacheAccess, creationContext);
    this.restriction = TenantRestriction.of(this);
    this.writes = new ScopedWrites(this);
  }

  @Override
  public boolean hasWhereRestrictions() {
    return restriction != null || super.hasWhereRestrictions();
  }

  @Override
  public void applyWhereRestrictions(Consumer<Predicate> predicateConsumer, TableGroup tableGroup,
      boolean useQualifier, SqlAstCreationState creationState) {
    super.applyWhereRestrictions(predicateConsumer, tableGroup, useQualifier, creationState);
    if (restriction != null) {
      restriction.apply(predicateConsumer, tableGroup, useQualifier, creationState);
    }
  }

  @Override
  public UpdateCoordinator getMergeCoordinator() {
    return writes.merge(super::getMergeCoordinator);
  }

  @Override
  public DeleteCoordinator getDeleteCoordinator() {
    return writes.delete(super::getDeleteCoordinator);
  }

  @Override
  public SqmMultiTableInsertStrategy getSqmMultiTableInsertStrategy() {
    return writes.multiTableInsert(super.getSqmMultiTableInsertStrategy());
  }

  @Override
  public TenantRestriction tenantRestriction() {
    return restriction;
  }
}
