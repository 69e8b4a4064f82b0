package io.tenantry.hibernate.internal;

import java.util.function.Consumer;
import org.hibernate.cache.spi.access.CollectionDataAccess;
import org.hibernate.mapping.Collection;
import org.hibernate.metamodel.spi.RuntimeModelCreationContext;
import org.hibernate.persister.collection.OneToManyPersister;
import org.hibernate.sql.ast.spi.SqlAstCreationState;
import org.hibernate.sql.ast.tree.from.TableGroup;
import org.hibernate.sql.ast.tree.predicate.Predicate;

/**
 * Hibernate's {@link OneToManyPersister} for a collection of tenant-owned entities: loading the
 * collection, or joining through it, adds the element entity's tenant conditions, which Hibernate
 * would not take from the element entity on its own. Public only because Hibernate instantiates it.
 */
public final class ScopedOneToManyPersister extends OneToManyPersister {

  /** The constructor Hibernate calls. */
  public ScopedOneToManyPersister(Collection collectionBinding, CollectionDataAccess cacheAccess,
      RuntimeModelCreationContext creationContext) {
    super(collectionBinding, cacheAccess, creationContext);
  }

  @Override
  public boolean hasWhereRestrictions() {
    return true;
  }

  @Override
  public void applyWhereRestrictions(Consumer<Predicate> predicateConsumer, TableGroup tableGroup,
      boolean useQualifier, SqlAstCreationState creationState) {
    super.applyWhereRestrictions(predicateConsumer, tableGroup, useQualifier, creationState);
    ElementRestriction.of(getElementPersister()).apply(predicateConsumer, tableGroup, useQualifier, creationState);
  }
}
