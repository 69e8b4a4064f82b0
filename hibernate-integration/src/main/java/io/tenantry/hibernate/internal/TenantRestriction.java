package io.tenantry.hibernate.internal;

import io.tenantry.core.internal.Bindings;
import io.tenantry.core.model.Company;
import io.tenantry.core.model.Store;
import io.tenantry.core.model.TenantSetting;
import io.tenantry.hibernate.internal.TenantParameter.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.hibernate.Filter;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.persister.entity.AbstractEntityPersister;
import org.hibernate.persister.entity.EntityNameUse;
import org.hibernate.query.sqm.ComparisonOperator;
import org.hibernate.sql.ast.spi.SqlAstCreationState;
import org.hibernate.sql.ast.tree.expression.ColumnReference;
import org.hibernate.sql.ast.tree.expression.QueryLiteral;
import org.hibernate.sql.ast.tree.from.TableGroup;
import org.hibernate.sql.ast.tree.from.TableReference;
import org.hibernate.sql.ast.tree.predicate.BetweenPredicate;
import org.hibernate.sql.ast.tree.predicate.ComparisonPredicate;
import org.hibernate.sql.ast.tree.predicate.InArrayPredicate;
import org.hibernate.sql.ast.tree.predicate.Junction;
import org.hibernate.sql.ast.tree.predicate.NullnessPredicate;
import org.hibernate.sql.ast.tree.predicate.Predicate;
import org.hibernate.type.BasicType;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.spi.TypeConfiguration;

/**
 * The tenant conditions of one tenant-owned entity type, added by Tenantry's persisters wherever
 * Hibernate applies an entity's restrictions: HQL/JPQL and Criteria roots and joins, subqueries,
 * bulk update and delete, loads by id, to-one joins and collection loads.
 * <pre>
 *   company:   company_id = ?
 *   store:     store_id between ? and ? and (? = 1 or store_id = any (?))      (Store itself: id)
 *   register:  register_id between ? and ?                                     (one register, or all)
 * </pre>
 * (nullable store and register columns of {@link TenantSetting} also match {@code null}). The
 * shape never depends on the binding, so Hibernate caches the translated SQL; the values are read
 * from the binding at each execution ({@link TenantParameter}). The ranges are what an index on
 * {@code (company_id, store_id, ...)} can use in a PostgreSQL generic plan.
 *
 * <p>Left out only in a system-access session (the {@link HibernateCoupling#TENANT_FILTER} filter is
 * enabled there, which keeps its queries out of Hibernate's caches) while system access is bound.
 */
final class TenantRestriction {

  private final String table;
  private final String rootEntityName;
  private final String companyColumn;
  private final String storeColumn;
  private final String registerColumn;
  private final boolean nullableStoreAndRegister;
  private final JdbcMapping uuid;
  private final JdbcMapping uuidArray;
  private final BasicType<Integer> integerType;

  private TenantRestriction(AbstractEntityPersister persister, String companyColumn, String storeColumn,
      String registerColumn, boolean nullableStoreAndRegister) {
    this.table = persister.getRootTableName();
    this.rootEntityName = persister.getRootEntityName();
    this.companyColumn = companyColumn;
    this.storeColumn = storeColumn;
    this.registerColumn = registerColumn;
    this.nullableStoreAndRegister = nullableStoreAndRegister;
    TypeConfiguration types = persister.getFactory().getTypeConfiguration();
    this.uuid = types.getBasicTypeForJavaType(UUID.class);
    this.integerType = types.getBasicTypeForJavaType(Integer.class);
    BasicType<UUID[]> array = types.getBasicTypeForJavaType(UUID[].class);
    this.uuidArray = array != null ? array : types.getBasicTypeRegistry().resolve(UUID[].class, SqlTypes.ARRAY);
  }

  /** The restriction of the persister's entity type, or {@code null} when the type is not tenant-owned. */
  static TenantRestriction of(AbstractEntityPersister persister) {
    Class<?> type = persister.getMappedClass();
    if (Company.class.isAssignableFrom(type)) {
      return new TenantRestriction(persister, persister.getIdentifierColumnNames()[0], null, null, false);
    }
    io.tenantry.core.model.internal.Ownership owner = OwnedEntityMetadata.ownership(type);
    if (owner == null) {
      return null;
    }
    String company = persister.getPropertyColumnNames(owner.companyAttribute())[0];
    if (Store.class.isAssignableFrom(type)) {
      return new TenantRestriction(persister, company, persister.getIdentifierColumnNames()[0], null, false);
    }
    if (TenantSetting.class.isAssignableFrom(type)) {
      return new TenantRestriction(persister, company, persister.getPropertyColumnNames("storeId")[0],
          persister.getPropertyColumnNames("registerId")[0], true);
    }
    String store = owner.storeLevel() ? persister.getPropertyColumnNames(owner.storeAttribute())[0] : null;
    String register = owner.registerLevel() ? persister.getPropertyColumnNames(owner.registerAttribute())[0] : null;
    return new TenantRestriction(persister, company, store, register, false);
  }

  /** Whether the conditions are left out: system access bound in a system-access session. */
  static boolean unscoped(SqlAstCreationState state) {
    Map<String, Filter> enabled = state.getLoadQueryInfluencers().getEnabledFilters();
    return enabled.containsKey(HibernateCoupling.TENANT_FILTER) && Bindings.isSystemAccess();
  }

  /** Adds the conditions for the entity's table in {@code tableGroup}. */
  void apply(Consumer<Predicate> consumer, TableGroup tableGroup, boolean useQualifier, SqlAstCreationState state) {
    if (tableGroup == null || unscoped(state)) {
      return;
    }
    if (state.supportsEntityNameUsage()) {
      // the conditions read the root table: keep Hibernate from pruning its join (JOINED subclass queries)
      state.registerEntityNameUsage(tableGroup, EntityNameUse.EXPRESSION, rootEntityName);
    }
    TableReference reference = tableGroup.resolveTableReference(table);
    String qualifier = reference == null ? null
        : useQualifier && reference.getIdentificationVariable() != null
            ? reference.getIdentificationVariable() : reference.getTableId();
    List<Predicate> conditions = new ArrayList<>(3);
    conditions.add(new ComparisonPredicate(column(qualifier, companyColumn), ComparisonOperator.EQUAL,
        parameter(Kind.COMPANY)));
    if (storeColumn != null) {
      Junction stores = new Junction(Junction.Nature.DISJUNCTION);
      stores.add(new ComparisonPredicate(parameter(Kind.ALL_STORES), ComparisonOperator.EQUAL,
          new QueryLiteral<>(1, integerType)));
      stores.add(new InArrayPredicate(column(qualifier, storeColumn),
          new TenantParameter(Kind.STORES, uuidArray)));
      Junction store = new Junction(Junction.Nature.CONJUNCTION);
      store.add(new BetweenPredicate(column(qualifier, storeColumn), parameter(Kind.STORES_LOW),
          parameter(Kind.STORES_HIGH), false, null));
      store.add(stores);
      conditions.add(nullableStoreAndRegister ? orNull(qualifier, storeColumn, store) : store);
    }
    if (registerColumn != null) {
      Predicate register = new BetweenPredicate(column(qualifier, registerColumn), parameter(Kind.REGISTER_LOW),
          parameter(Kind.REGISTER_HIGH), false, null);
      conditions.add(nullableStoreAndRegister ? orNull(qualifier, registerColumn, register) : register);
    }
    for (Predicate condition : conditions) {
      consumer.accept(condition);
    }
  }

  private Predicate orNull(String qualifier, String column, Predicate otherwise) {
    Junction either = new Junction(Junction.Nature.DISJUNCTION);
    either.add(new NullnessPredicate(column(qualifier, column)));
    either.add(otherwise);
    return either;
  }

  private ColumnReference column(String qualifier, String column) {
    return new ColumnReference(qualifier, column, false, null, uuid);
  }

  private TenantParameter parameter(Kind kind) {
    return new TenantParameter(kind, kind == Kind.ALL_STORES ? integerType : uuid);
  }
}
