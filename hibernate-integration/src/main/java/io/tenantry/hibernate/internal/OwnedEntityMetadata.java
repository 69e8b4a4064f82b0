package io.tenantry.hibernate.internal;

import io.tenantry.core.model.RegisterOwned;
import io.tenantry.core.model.StoreOwned;
import io.tenantry.core.model.TenantSetting;
import java.util.UUID;
import org.hibernate.persister.entity.AbstractEntityPersister;
import org.hibernate.persister.entity.EntityPersister;

/** Where the tenant columns of one owned entity type live in Hibernate's state arrays and tables. */
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
    boolean storeOwned = StoreOwned.class.isAssignableFrom(type);
    boolean registerOwned = RegisterOwned.class.isAssignableFrom(type);
    this.company = persister.getPropertyIndex("companyId");
    this.store = storeOwned ? persister.getPropertyIndex("storeId") : -1;
    this.register = registerOwned ? persister.getPropertyIndex("registerId") : -1;
    this.immutable = TenantSetting.class.isAssignableFrom(type)
        ? new int[] {company, persister.getPropertyIndex("storeId"), persister.getPropertyIndex("registerId")}
        : java.util.stream.IntStream.of(company, store, register).filter(i -> i >= 0).toArray();
    AbstractEntityPersister p = (AbstractEntityPersister) persister;
    this.table = p.getRootTableName();
    this.idColumn = p.getRootTableKeyColumnNames()[0];
    this.companyColumn = p.getPropertyColumnNames("companyId")[0];
    this.storeColumn = storeOwned ? p.getPropertyColumnNames("storeId")[0] : null;
    this.registerColumn = registerOwned ? p.getPropertyColumnNames("registerId")[0] : null;
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
