package io.tenantry.hibernate.internal;

import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.hibernate.Filter;
import org.hibernate.cache.spi.access.CollectionDataAccess;
import org.hibernate.mapping.Collection;
import org.hibernate.metamodel.spi.RuntimeModelCreationContext;
import org.hibernate.persister.collection.BasicCollectionPersister;
import org.hibernate.sql.ast.spi.SqlAstCreationState;
import org.hibernate.sql.ast.tree.from.TableGroup;
import org.hibernate.sql.ast.tree.predicate.Predicate;

/**
 * Hibernate's {@link BasicCollectionPersister} for a many-to-many collection of tenant-owned
 * entities: the joined element rows get the element entity's tenant conditions. Public only because
 * Hibernate instantiates it.
 */
public final class ScopedBasicCollectionPersister extends BasicCollectionPersister {

  /** The constructor Hibernate calls. */
  public ScopedBasicCollectionPersister(Collection collectionBinding, CollectionDataAccess cacheAccess,
      RuntimeModelCreationContext creationContext) {
    super(collectionBinding, cacheAccess, creationContext);
  }

  @Override
  public boolean hasWhereRestrictions() {
    return true;
  }

  @Override
  public void applyBaseManyToManyRestrictions(Consumer<Predicate> predicateConsumer, TableGroup tableGroup,
      boolean useQualifier, Map<String, Filter> enabledFilters, Set<String> treatAsDeclarations,
      SqlAstCreationState creationState) {
    super.applyBaseManyToManyRestrictions(predicateConsumer, tableGroup, useQualifier, enabledFilters,
        treatAsDeclarations, creationState);
    ElementRestriction.of(getElementPersister()).apply(predicateConsumer, tableGroup, useQualifier, creationState);
  }
}
