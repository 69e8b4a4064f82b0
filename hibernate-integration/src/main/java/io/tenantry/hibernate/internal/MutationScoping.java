package io.tenantry.hibernate.internal;

import io.tenantry.core.model.TenantSetting;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.StaleStateException;
import org.hibernate.boot.Metadata;
import org.hibernate.jdbc.Expectation;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Property;
import org.hibernate.mapping.SimpleValue;

/**
 * Puts the tenant into the SQL of every entity UPDATE and DELETE, the way Hibernate's own
 * {@code @TenantId} mutation checks do: the tenant columns are marked as Hibernate partition keys, so
 * Hibernate adds {@code and company_id = ? and store_id = ? ...} with the tenant the entity was loaded
 * with. A managed instance whose id meanwhile names a row of another tenant therefore matches no row
 * and never touches it; the 0-row outcome is reported by {@link TenantRowExpectation} with what
 * happened. Applied to the boot model before Hibernate builds its persisters.
 */
final class MutationScoping {

  private MutationScoping() {}

  /** Returns the tenant columns of every tenant-owned table, lower case, for the statement inspector. */
  static List<String> apply(Metadata metadata) {
    List<String> columns = new ArrayList<>();
    for (PersistentClass entity : metadata.getEntityBindings()) {
      Class<?> type = entity.getMappedClass();
      if (type == null || !OwnedEntityMetadata.owned(type)) {
        continue;
      }
      boolean unionHierarchy = entity instanceof org.hibernate.mapping.UnionSubclass
          || entity.getRootClass().getSubclasses().stream().anyMatch(c -> c instanceof org.hibernate.mapping.UnionSubclass);
      // Hibernate cannot bind a partition key of a TABLE_PER_CLASS hierarchy (the abstract root has no table);
      // TenantGuard checks the stored tenant of those rows before each update and delete instead
      for (String name : tenantProperties(type)) {
        Property property = entity.getProperty(name);
        if (property.getValue() instanceof SimpleValue value) {
          value.setPartitionKey(!unionHierarchy);
          value.getColumns().forEach(c -> columns.add(c.getName().toLowerCase(java.util.Locale.ROOT)));
        }
      }
      String entityName = entity.getEntityName();
      if (entity.getUpdateExpectation() == null) {
        entity.setUpdateExpectation(() -> new TenantRowExpectation(entityName, "Updating"));
      }
      if (entity.getDeleteExpectation() == null) {
        entity.setDeleteExpectation(() -> new TenantRowExpectation(entityName, "Deleting"));
      }
    }
    return columns;
  }

  private static List<String> tenantProperties(Class<?> type) {
    if (TenantSetting.class.isAssignableFrom(type)) {
      // nullable store and register: a partition-key restriction "store_id = null" would match nothing
      return List.of("companyId");
    }
    return OwnedEntityMetadata.ownership(type).attributes();
  }

  /**
   * Hibernate's row-count check (one row per statement), with a message that says why a tenant-scoped
   * UPDATE or DELETE can match no row.
   */
  static final class TenantRowExpectation implements Expectation {

    private final String entityName;
    private final String verb;

    TenantRowExpectation(String entityName, String verb) {
      this.entityName = entityName;
      this.verb = verb;
    }

    @Override
    public void verifyOutcome(int rowCount, PreparedStatement statement, int batchPosition, String sql) {
      if (batchPosition >= 0 && rowCount == PreparedStatement.SUCCESS_NO_INFO) {
        return;
      }
      if (rowCount == 0) {
        throw new StaleStateException(verb + " " + entityName + " matched no row with the id and the tenant "
            + "(company, store, register) it was loaded with: the row was deleted or changed meanwhile, or its id now "
            + "belongs to another tenant's row, which Tenantry never touches. Load it again inside the bound tenant. "
            + "Statement: " + sql);
      }
      if (rowCount != 1) {
        throw new StaleStateException(verb + " " + entityName + " matched " + rowCount + " rows, expected 1. "
            + "Statement: " + sql);
      }
    }
  }
}
