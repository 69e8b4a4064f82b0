package io.tenantry.hibernate.internal;

import io.tenantry.core.model.TenantSetting;
import io.tenantry.core.model.internal.Ownership;
import java.util.UUID;
import org.hibernate.persister.entity.AbstractEntityPersister;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Where the tenant columns of one owned entity type live in Hibernate's state arrays and tables, and
 * ({@link #ownership}) whether a type is tenant-owned at all: every check in this module asks here,
 * so an entity declared with the annotations ({@code @CompanyId}, {@code @StoreId}, {@code @RegisterId})
 * is treated exactly as one extending a base class.
 */
final class OwnedEntityMetadata {

  final int company;
  final int store;
  final int register;
  /** Every tenant column's property index, also the nullable ones of {@link TenantSetting}: none may change. */
  final int[] immutable;
  final String table;
  final String idColumn;
  final String companyColumn;
  final String storeColumn;
  final String registerColumn;

  OwnedEntityMetadata(EntityPersister persister) {
    Class<?> type = persister.getMappedClass();
    Ownership owner = ownership(type);
    this.company = persister.getPropertyIndex(owner.companyAttribute());
    this.store = owner.storeLevel() ? persister.getPropertyIndex(owner.storeAttribute()) : -1;
    this.register = owner.registerLevel() ? persister.getPropertyIndex(owner.registerAttribute()) : -1;
    this.immutable = TenantSetting.class.isAssignableFrom(type)
        ? new int[] {company, persister.getPropertyIndex("storeId"), persister.getPropertyIndex("registerId")}
        : java.util.stream.IntStream.of(company, store, register).filter(i -> i >= 0).toArray();
    AbstractEntityPersister p = (AbstractEntityPersister) persister;
    this.table = p.getRootTableName();
    this.idColumn = p.getRootTableKeyColumnNames()[0];
    this.companyColumn = p.getPropertyColumnNames(owner.companyAttribute())[0];
    this.storeColumn = owner.storeLevel() ? p.getPropertyColumnNames(owner.storeAttribute())[0] : null;
    this.registerColumn = owner.registerLevel() ? p.getPropertyColumnNames(owner.registerAttribute())[0] : null;
  }

  /**
   * The ownership of an entity type (base class or annotations), or {@code null} when it is not
   * tenant-owned. A misused annotation is a {@link org.hibernate.MappingException} naming the fix.
   */
  static Ownership ownership(Class<?> type) {
    try {
      return Ownership.of(type);
    } catch (IllegalStateException e) {
      throw new org.hibernate.MappingException(e.getMessage());
    }
  }

  /** Whether the entity type is tenant-owned (extends a base class or carries {@code @CompanyId}). */
  static boolean owned(Class<?> type) {
    return ownership(type) != null;
  }

  /** Whether the entity (an instance, possibly a proxy) is of a tenant-owned type. */
  static boolean ownedInstance(Object entity) {
    return entity != null && owned(entity.getClass());
  }

  /** The tenant columns (company, store, register; absent ones {@code null}) of a live entity. */
  RowTenant tenantOf(EntityPersister persister, Object entity) {
    return new RowTenant((UUID) persister.getValue(entity, company),
        store < 0 ? null : (UUID) persister.getValue(entity, store),
        register < 0 ? null : (UUID) persister.getValue(entity, register));
  }

  /** The tenant columns (company, store, register; absent ones {@code null}) of a state array. */
  RowTenant tenantOf(Object[] state) {
    return new RowTenant((UUID) state[company], store < 0 ? null : (UUID) state[store],
        register < 0 ? null : (UUID) state[register]);
  }

  /** The names of the tenant properties whose value differs between two state arrays, or an empty string. */
  String changedTenantProperties(EntityPersister persister, Object[] before, Object[] after) {
    StringBuilder changed = new StringBuilder();
    for (int i : immutable) {
      if (!java.util.Objects.equals(before[i], after[i])) {
        changed.append(changed.length() == 0 ? "" : ", ").append(persister.getPropertyNames()[i])
            .append(" from ").append(before[i]).append(" to ").append(after[i]);
      }
    }
    return changed.toString();
  }

  String selectTenantColumnsSql() {
    return "select " + companyColumn + ", " + (storeColumn == null ? "null" : storeColumn) + ", "
        + (registerColumn == null ? "null" : registerColumn) + " from " + table + " where " + idColumn + " = ?";
  }
}
