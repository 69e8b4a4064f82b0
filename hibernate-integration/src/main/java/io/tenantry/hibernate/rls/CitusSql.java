package io.tenantry.hibernate.rls;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hibernate.SessionFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.metamodel.mapping.internal.ToOneAttributeMapping;
import org.hibernate.persister.collection.AbstractCollectionPersister;
import org.hibernate.persister.entity.AbstractEntityPersister;
import org.hibernate.persister.entity.UnionSubclassEntityPersister;

/**
 * The Citus distribution of a Hibernate mapping (distributed PostgreSQL, distribution column {@code company_id}):
 * every table that holds tenant data becomes a distributed table colocated with the company table, every other
 * mapped table a reference table (replicated to every node), in an order Citus accepts (a table after the tables
 * its foreign keys reference).
 *
 * <pre>{@code
 * String ddl = CitusSql.forMapping(sessionFactory);   // run once on the coordinator, after the migrations
 * CitusReadiness.of(ownerDataSource).run().assertClean();   // every blocker Citus would refuse, before
 * }</pre>
 *
 * <p>Citus cannot distribute a table whose primary key, unique constraints or foreign keys between distributed
 * tables leave out the distribution column: {@link CitusReadiness} lists each such blocker with its fix.
 */
public final class CitusSql {

  private CitusSql() {
  }

  /**
   * The Citus DDL for every mapped table.
   *
   * @param sessionFactory the application's mapping
   * @return {@code select create_reference_table(...)} and {@code select create_distributed_table(...)}
   *     statements, one per line, with a comment header
   */
  public static String forMapping(SessionFactory sessionFactory) {
    MappedTables m = MappedTables.of(sessionFactory);
    var metamodel = sessionFactory.unwrap(SessionFactoryImplementor.class).getMappingMetamodel();
    Map<String, Set<String>> references = new TreeMap<>();
    Set<String> all = new TreeSet<>();
    metamodel.forEachEntityDescriptor(p -> {
      if (!(p instanceof AbstractEntityPersister e) || (e instanceof UnionSubclassEntityPersister u && u.isAbstract())) {
        return;
      }
      String table = e instanceof UnionSubclassEntityPersister u ? u.getTableName(0) : e.getTableName();
      all.add(table);
      if (!table.equals(e.getRootTableName()) && !(e instanceof UnionSubclassEntityPersister)) {
        all.add(e.getRootTableName());
        references.computeIfAbsent(table, k -> new TreeSet<>()).add(e.getRootTableName());
      }
      e.forEachAttributeMapping(a -> {
        if (a instanceof ToOneAttributeMapping toOne && !toOne.getSideNature().equals(
            org.hibernate.metamodel.mapping.ForeignKeyDescriptor.Nature.TARGET)) {
          var target = toOne.getAssociatedEntityMappingType().getEntityPersister();
          String targetTable = target instanceof UnionSubclassEntityPersister u ? u.getTableName(0)
              : ((AbstractEntityPersister) target).getRootTableName();
          if (!targetTable.equals(table)) {
            references.computeIfAbsent(table, k -> new TreeSet<>()).add(targetTable);
          }
        }
      });
    });
    metamodel.forEachCollectionDescriptor(c -> {
      if (c.isOneToMany() || !(c instanceof AbstractCollectionPersister collection)) {
        return;
      }
      String table = collection.getTableName();
      all.add(table);
      Set<String> refs = references.computeIfAbsent(table, k -> new TreeSet<>());
      refs.add(((AbstractEntityPersister) collection.getOwnerEntityPersister()).getRootTableName());
      if (collection.isManyToMany() && collection.getElementPersister() instanceof AbstractEntityPersister element) {
        refs.add(element.getRootTableName());
      }
      refs.remove(table);
    });
    m.childTables.keySet().forEach(all::add);
    // Tenantry's hierarchy: StoreOwned and RegisterOwned rows reference their store and register through composite
    // foreign keys that the mapping holds as plain columns, so they are ordered here: company, store, register, rest
    List<String> hierarchy = new ArrayList<>();
    for (Class<?> level : List.of(io.tenantry.core.model.Company.class, io.tenantry.core.model.Store.class,
        io.tenantry.core.model.Register.class)) {
      metamodel.forEachEntityDescriptor(p -> {
        if (p.getMappedClass() == level && p instanceof AbstractEntityPersister e) {
          hierarchy.add(e.getRootTableName());
        }
      });
    }
    for (String table : all) {
      int position = hierarchy.indexOf(table);
      if (m.tenantTables.containsKey(table) || m.joinedSubclassTables.containsKey(table)
          || m.childTables.containsKey(table)) {
        Set<String> refs = references.computeIfAbsent(table, k -> new TreeSet<>());
        refs.addAll(position < 0 ? hierarchy : hierarchy.subList(0, position));
      }
    }
    Set<String> distributed = new TreeSet<>(m.tenantTables.keySet());
    distributed.addAll(m.joinedSubclassTables.keySet());
    distributed.addAll(m.childTables.keySet());
    String companyTable = m.tenantTables.entrySet().stream()
        .filter(e -> e.getValue() == TenantTableLevel.COMPANY_ROOT).map(Map.Entry::getKey).findFirst().orElse(null);

    StringBuilder sql = new StringBuilder("-- Generated by Tenantry (CitusSql.forMapping): the Citus distribution of "
        + "every mapped table.\n-- Distribution column company_id (the company table: id); every tenant table is "
        + "colocated with\n-- " + (companyTable == null ? "the first distributed table" : companyTable)
        + ". Run once on the coordinator after the schema migrations, when\n"
        + "-- CitusReadiness reports no blocker. Re-generate after changing the mapping.\n\n");
    sql.append("-- reference tables: global data, replicated to every node\n");
    for (String table : order(all, references)) {
      if (!distributed.contains(table)) {
        sql.append("select create_reference_table('").append(table).append("');\n");
      }
    }
    sql.append("\n-- distributed tables, each after the tables it references\n");
    String colocate = companyTable;
    for (String table : order(all, references)) {
      if (!distributed.contains(table)) {
        continue;
      }
      if (table.equals(companyTable)) {
        sql.append("select create_distributed_table('").append(table).append("', 'id');\n");
        continue;
      }
      if (m.joinedSubclassTables.containsKey(table)) {
        sql.append("-- ").append(table).append(" holds rows of ").append(m.joinedSubclassTables.get(table)[0])
            .append(" but no company_id: add the column first (CitusReadiness lists it)\n");
      }
      sql.append("select create_distributed_table('").append(table).append("', 'company_id'");
      if (colocate != null) {
        sql.append(", colocate_with => '").append(colocate).append('\'');
      } else {
        colocate = table;
      }
      sql.append(");\n");
    }
    return sql.toString();
  }

  /** Tables in dependency order (a table after the tables it references), ties alphabetical; cycles broken. */
  private static List<String> order(Set<String> tables, Map<String, Set<String>> references) {
    List<String> out = new ArrayList<>();
    Set<String> remaining = new TreeSet<>(tables);
    Map<String, Set<String>> refs = new HashMap<>();
    tables.forEach(t -> refs.put(t, new TreeSet<>(references.getOrDefault(t, Set.of()))));
    while (!remaining.isEmpty()) {
      String next = remaining.stream().filter(t -> refs.get(t).stream().noneMatch(remaining::contains)).findFirst()
          .orElse(remaining.iterator().next()); // a cycle: Citus needs one foreign key added after distribution
      out.add(next);
      remaining.remove(next);
    }
    return out;
  }
}
