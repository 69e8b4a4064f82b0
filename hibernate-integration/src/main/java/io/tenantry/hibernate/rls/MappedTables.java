package io.tenantry.hibernate.rls;

import io.tenantry.core.model.Membership;
import io.tenantry.core.model.SharedAcrossTenants;
import io.tenantry.core.model.UserAccount;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.hibernate.SessionFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.persister.collection.AbstractCollectionPersister;
import org.hibernate.persister.entity.AbstractEntityPersister;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.persister.entity.UnionSubclassEntityPersister;
import org.hibernate.persister.entity.mutation.EntityTableMapping;

/**
 * Every table of a Hibernate mapping that holds tenant data, read from the runtime metamodel: the
 * tables of tenant entities (with their level), the tables of JOINED subclasses, and the child
 * tables (element collections, join tables, secondary tables) that have no tenant entity of their
 * own; plus the tables of {@code @SharedAcrossTenants} entities. One walk, used by the policy
 * generator and by the audit, so both see the same tables.
 */
final class MappedTables {

  final Map<String, TenantTableLevel> tenantTables = new TreeMap<>();
  /** JOINED subclass table to {root table, key column}. */
  final Map<String, String[]> joinedSubclassTables = new TreeMap<>();
  final Map<String, ChildTable> childTables = new TreeMap<>();
  final Set<String> sharedTables = new HashSet<>();
  /** Tenantry's login table and the membership table that scopes it, when both are mapped. */
  String userAccountTable;
  String membershipTable;

  private MappedTables() {}

  /** No tables yet: the audit fills it from the catalogs. */
  static MappedTables empty() {
    return new MappedTables();
  }

  static MappedTables of(SessionFactory sessionFactory) {
    MappedTables m = new MappedTables();
    var metamodel = sessionFactory.unwrap(SessionFactoryImplementor.class).getMappingMetamodel();
    Set<String> entityTables = new HashSet<>();
    metamodel.forEachEntityDescriptor(p -> entityTables.add(p instanceof UnionSubclassEntityPersister u
        ? u.getTableName(0) : p.getTableName()));
    metamodel.forEachEntityDescriptor(p -> {
      if (!(p instanceof AbstractEntityPersister)) {
        return;
      }
      AbstractEntityPersister e = (AbstractEntityPersister) p;
      TenantTableLevel level = TenantryRls.levelOf(p.getMappedClass());
      if (p.getMappedClass() == UserAccount.class) {
        m.userAccountTable = e.getTableName();
      } else if (p.getMappedClass() == Membership.class) {
        m.membershipTable = e.getTableName();
      }
      if (level == null) {
        if (p.getMappedClass().isAnnotationPresent(SharedAcrossTenants.class)) {
          for (String table : e.getTableNames()) {
            m.sharedTables.add(table);
          }
        }
        return;
      }
      if (e instanceof UnionSubclassEntityPersister u) {
        // TABLE_PER_CLASS: each concrete class has a table of its own that holds every column, the tenant
        // columns included; an abstract root has no table (its "table name" is the union of its subclasses')
        if (!u.isAbstract()) {
          m.tenantTables.putIfAbsent(u.getTableName(0), level);
        }
        return;
      }
      String root = e.getRootTableName();
      m.tenantTables.putIfAbsent(root, level);
      if (!e.getTableName().equals(root)) { // JOINED inheritance: the subclass has a table of its own
        m.joinedSubclassTables.putIfAbsent(e.getTableName(),
            new String[] {root, e.getIdentifierColumnNames()[0]}); // default @PrimaryKeyJoinColumn
      }
      for (EntityTableMapping table : e.getTableMappings()) {
        String name = table.getTableName();
        if (!entityTables.contains(name) && !m.childTables.containsKey(name)) { // a @SecondaryTable
          requireIdColumn(e, name);
          m.childTables.put(name, new ChildTable(name, root, level, singleKey(table.getKeyDetails().getColumnCount(),
              table.getKeyDetails().getKeyColumn(0).getColumnName(), name), null, null, "secondary table"));
        }
      }
    });
    metamodel.forEachCollectionDescriptor(c -> {
      if (c.isOneToMany() || !(c instanceof AbstractCollectionPersister)) {
        return; // a one-to-many without a join table lives in the element entity's own table
      }
      AbstractCollectionPersister collection = (AbstractCollectionPersister) c;
      String table = collection.getTableName();
      if (entityTables.contains(table)) {
        return;
      }
      EntityPersister owner = collection.getOwnerEntityPersister();
      EntityPersister element = collection.isManyToMany() ? collection.getElementPersister() : null;
      TenantTableLevel ownerLevel = TenantryRls.levelOf(owner.getMappedClass());
      TenantTableLevel elementLevel = element == null ? null : TenantryRls.levelOf(element.getMappedClass());
      ChildTable child;
      if (ownerLevel != null) {
        requireIdColumn(owner, table);
        if (elementLevel != null) {
          requireIdColumn(element, table);
        }
        child = new ChildTable(table, owner.getRootTableName(), ownerLevel,
            singleKey(collection.getKeyColumnNames(), table),
            elementLevel == null ? null : element.getRootTableName(),
            elementLevel == null ? null : singleKey(collection.getElementColumnNames(), table),
            element == null ? "element collection" : "join table");
      } else if (elementLevel != null) { // a shared entity's link to tenant rows: owned by the tenant side
        requireIdColumn(element, table);
        child = new ChildTable(table, element.getRootTableName(), elementLevel,
            singleKey(collection.getElementColumnNames(), table), null, null, "join table");
      } else {
        return;
      }
      // both sides of a bidirectional many-to-many name the table; the owning side describes it
      if (!collection.isInverse() || !m.childTables.containsKey(table)) {
        m.childTables.put(table, child);
      }
    });
    if (m.membershipTable == null) {
      m.userAccountTable = null;
    }
    return m;
  }

  /**
   * The composite foreign keys of a child table reference its owner by {@code (company_id, id)}; the base
   * classes map the id so, an entity declared with {@code @CompanyId} must name its id column {@code id}
   * when it has child tables.
   */
  private static void requireIdColumn(EntityPersister owner, String table) {
    String[] id = owner instanceof AbstractEntityPersister e ? e.getIdentifierColumnNames() : new String[0];
    if (id.length != 1 || !id[0].replace("\"", "").equalsIgnoreCase("id")) {
      throw new IllegalArgumentException("Table " + table + " belongs to " + owner.getEntityName() + ", whose id "
          + "column is " + String.join(", ", id) + ": Tenantry keys child tables (element collections, join and "
          + "secondary tables) to their owner by (company_id, id); map the owner's id with @Column(name = \"id\")");
    }
  }

  private static String singleKey(String[] columns, String table) {
    return singleKey(columns.length, columns[0], table);
  }

  private static String singleKey(int count, String first, String table) {
    if (count != 1) {
      throw new IllegalArgumentException("Table " + table + " joins its owner on " + count + " columns: Tenantry "
          + "supports child tables keyed by the owner's single id column (the base classes' uuid id)");
    }
    return first;
  }
}
