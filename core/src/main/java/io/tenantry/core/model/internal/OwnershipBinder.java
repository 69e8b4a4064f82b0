package io.tenantry.core.model.internal;

import io.tenantry.core.model.CompanyId;
import io.tenantry.core.model.RegisterId;
import io.tenantry.core.model.StoreId;
import java.lang.annotation.Annotation;
import java.util.Collections;
import java.util.Locale;
import java.util.UUID;
import org.hibernate.MappingException;
import org.hibernate.binder.AttributeBinder;
import org.hibernate.boot.spi.InFlightMetadataCollector;
import org.hibernate.boot.spi.MetadataBuildingContext;
import org.hibernate.engine.spi.FilterDefinition;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Property;

/**
 * Binds {@link CompanyId}, {@link StoreId} and {@link RegisterId} as the base classes' mappings do:
 * checks the declaration ({@link Ownership}) and the column name, makes the column not updatable, and
 * puts the system-session marker filter on the entity ({@code HibernateCoupling} in
 * {@code tenantry-hibernate} explains it), declared as {@code CompanyOwned} declares it. Internal.
 */
public final class OwnershipBinder implements AttributeBinder<Annotation> {

  @Override
  public void bind(Annotation annotation, MetadataBuildingContext context, PersistentClass entity, Property property) {
    Class<?> type = entity.getMappedClass();
    try {
      Ownership.of(type);
    } catch (IllegalStateException e) {
      throw new MappingException(e.getMessage());
    }
    String expected = annotation instanceof CompanyId ? Ownership.COMPANY_COLUMN
        : annotation instanceof StoreId ? Ownership.STORE_COLUMN : Ownership.REGISTER_COLUMN;
    String name = "@" + annotation.annotationType().getSimpleName();
    if (property.getColumnSpan() != 1 || !(property.getSelectables().get(0) instanceof Column column)) {
      throw new MappingException("Tenantry: " + type.getName() + "." + property.getName() + " is " + name
          + " but is not mapped to one column: map it with @Column(name = \"" + expected + "\")");
    }
    String actual = column.getName().replace("\"", "").replace("`", "").toLowerCase(Locale.ROOT);
    if (!actual.equals(expected)) {
      throw new MappingException("Tenantry: " + type.getName() + "." + property.getName() + " is " + name
          + " but maps to column " + column.getName() + ". The row-level-security policies, the isolation audit and "
          + "the composite foreign keys name the tenant columns company_id, store_id and register_id: map it with "
          + "@Column(name = \"" + expected + "\")");
    }
    property.resetUpdateable(false);
    if (annotation instanceof CompanyId) {
      markSystemSessions(context.getMetadataCollector(), entity);
    }
  }

  /** The always-true filter that Hibernate enables only in system sessions, as {@code CompanyOwned} declares it. */
  private static void markSystemSessions(InFlightMetadataCollector collector, PersistentClass entity) {
    if (collector.getFilterDefinition(SystemSessionFilter.NAME) == null) {
      collector.addFilterDefinition(new FilterDefinition(SystemSessionFilter.NAME, "1 = 1", false, true,
          Collections.singletonMap(SystemSessionFilter.PARAMETER,
              collector.getTypeConfiguration().getBasicTypeForJavaType(UUID.class)),
          Collections.emptyMap()));
    }
    if (entity.getFilters().stream().noneMatch(f -> f.getName().equals(SystemSessionFilter.NAME))) {
      entity.addFilter(SystemSessionFilter.NAME, "1 = 1", true, Collections.emptyMap(), Collections.emptyMap());
    }
  }
}
