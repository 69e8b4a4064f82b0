package io.tenantry.hibernate.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hibernate.boot.Metadata;
import org.hibernate.engine.spi.FilterDefinition;
import org.hibernate.mapping.Collection;
import org.hibernate.mapping.FilterConfiguration;
import org.hibernate.mapping.ManyToOne;
import org.hibernate.mapping.OneToMany;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Value;

/**
 * Hibernate applies an entity's filters when the entity is queried or loaded by key, but not when
 * it is loaded as the element of a collection or joined through one. Before the runtime model is
 * built, this copies the system-session marker filter ({@link HibernateCoupling#TENANT_FILTER}) of the
 * element entity onto each collection of it (and onto the element side of many-to-many
 * collections), so that a system-access session loads those collections with fresh, unscoped SQL
 * instead of a tenant's cached loader. The tenant conditions themselves come from Tenantry's
 * collection persisters.
 */
final class CollectionScoping {

  private CollectionScoping() {}

  /** Returns how many collections were scoped. */
  static int apply(Metadata metadata) {
    int scoped = 0;
    for (Collection collection : metadata.getCollectionBindings()) {
      Value element = collection.getElement();
      if (element instanceof OneToMany) {
        PersistentClass target = ((OneToMany) element).getAssociatedClass();
        scoped += copyFilters(metadata, target, collection.getFilters(), false, collection);
      } else if (element instanceof ManyToOne) {
        PersistentClass target = metadata.getEntityBinding(((ManyToOne) element).getReferencedEntityName());
        scoped += copyFilters(metadata, target, collection.getManyToManyFilters(), true, collection);
      }
    }
    return scoped;
  }

  private static int copyFilters(Metadata metadata, PersistentClass target, List<FilterConfiguration> present,
      boolean manyToMany, Collection collection) {
    if (target == null) {
      return 0;
    }
    int added = 0;
    for (FilterConfiguration filter : filtersOf(target)) {
      String name = filter.getName();
      if (!name.equals(HibernateCoupling.TENANT_FILTER) || present.stream().anyMatch(f -> f.getName().equals(name))) {
        continue;
      }
      String condition = filter.getCondition();
      if (condition == null || condition.isBlank()) {
        FilterDefinition def = metadata.getFilterDefinition(name);
        condition = def.getDefaultFilterCondition();
      }
      if (manyToMany) {
        collection.addManyToManyFilter(name, condition, true, Map.of(), Map.of());
      } else {
        collection.addFilter(name, condition, true, Map.of(), Map.of());
      }
      added = 1;
    }
    return added;
  }

  private static List<FilterConfiguration> filtersOf(PersistentClass target) {
    // filters declared on the class itself or inherited from mapped superclasses and entity supertypes
    List<FilterConfiguration> filters = new ArrayList<>(target.getFilters());
    for (PersistentClass p = target.getSuperclass(); p != null; p = p.getSuperclass()) {
      filters.addAll(p.getFilters());
    }
    return filters;
  }

}
