package io.tenantry.clusters.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Not API. The tables of a schema that hold a company's rows, read from pg_catalog, in foreign-key dependency order
 * (a table after every table it references), each with the SQL condition that selects one company's rows: the
 * company table by {@code id}, tables with a {@code company_id} column by it, and tables without one whose primary
 * key references such a table (JOINED subclass tables) through their parent's rows.
 */
public final class CompanyTables {

  /** One table: its name, its columns (in column order, generated columns left out) and its row condition. */
  public record Table(String name, List<String> columns, String condition) {

    /** The condition for one company, alias {@code t}. */
    public String where(UUID company) {
      return condition.replace(":company", "'" + company + "'::uuid");
    }
  }

  private CompanyTables() {
  }

  /**
   * Reads the tables.
   *
   * @param c a connection to the database
   * @param schema the schema
   * @param companyTable the table whose {@code id} is the company id
   * @return the tables in dependency order
   * @throws SQLException on a catalog error
   * @throws IllegalStateException on a foreign-key cycle between company tables
   */
  public static List<Table> read(Connection c, String schema, String companyTable) throws SQLException {
    Map<String, String> conditions = new TreeMap<>();
    try (PreparedStatement ps = c.prepareStatement("select c.relname, exists (select 1 from pg_attribute a"
        + " where a.attrelid = c.oid and a.attname = 'company_id' and a.attnum > 0 and not a.attisdropped)"
        + " from pg_class c join pg_namespace n on n.oid = c.relnamespace"
        + " where n.nspname = ? and c.relkind in ('r', 'p') and not c.relispartition")) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (rs.getString(1).equals(companyTable)) {
            conditions.put(rs.getString(1), "t.id = :company");
          } else if (rs.getBoolean(2)) {
            conditions.put(rs.getString(1), "t.company_id = :company");
          }
        }
      }
    }
    if (!conditions.containsKey(companyTable)) {
      throw new IllegalStateException("Schema " + schema + " has no company table " + companyTable
          + "; name the table whose id is the company id with companyTable(...)");
    }
    // primary keys that are foreign keys into a company table (JOINED subclasses), until nothing new is found
    List<String[]> keyLinks = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("select cl.relname, p.relname,"
        + " (select string_agg(quote_ident(a.attname), ', ' order by k.i) from unnest(f.conkey) with ordinality k(n, i)"
        + "   join pg_attribute a on a.attrelid = f.conrelid and a.attnum = k.n),"
        + " (select string_agg(quote_ident(a.attname), ', ' order by k.i) from unnest(f.confkey) with ordinality k(n, i)"
        + "   join pg_attribute a on a.attrelid = f.confrelid and a.attnum = k.n)"
        + " from pg_constraint f join pg_class cl on cl.oid = f.conrelid join pg_class p on p.oid = f.confrelid"
        + " join pg_namespace n on n.oid = cl.relnamespace join pg_constraint pk on pk.conrelid = f.conrelid"
        + " and pk.contype = 'p' where f.contype = 'f' and n.nspname = ? and f.conkey::int2[] @> pk.conkey::int2[]"
        + " and pk.conkey::int2[] @> f.conkey::int2[] order by 1, 2")) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          keyLinks.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
        }
      }
    }
    boolean found = true;
    while (found) {
      found = false;
      for (String[] link : keyLinks) {
        if (!conditions.containsKey(link[0]) && conditions.containsKey(link[1])) {
          conditions.put(link[0], "(" + link[2] + ") in (select " + link[3] + " from "
              + qualified(schema, link[1]) + " t where " + conditions.get(link[1]) + ")");
          found = true;
        }
      }
    }
    Map<String, Set<String>> references = new HashMap<>();
    conditions.keySet().forEach(t -> references.put(t, new TreeSet<>()));
    try (PreparedStatement ps = c.prepareStatement("select cl.relname, p.relname from pg_constraint f"
        + " join pg_class cl on cl.oid = f.conrelid join pg_class p on p.oid = f.confrelid"
        + " join pg_namespace n on n.oid = cl.relnamespace where f.contype = 'f' and n.nspname = ?"
        + " and f.conrelid <> f.confrelid")) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (conditions.containsKey(rs.getString(1)) && conditions.containsKey(rs.getString(2))) {
            references.get(rs.getString(1)).add(rs.getString(2));
          }
        }
      }
    }
    List<String> order = new ArrayList<>();
    Set<String> remaining = new TreeSet<>(conditions.keySet());
    while (!remaining.isEmpty()) {
      String next = remaining.stream().filter(t -> order.containsAll(references.get(t))).findFirst()
          .orElseThrow(() -> new IllegalStateException("The foreign keys between the company tables " + remaining
              + " form a cycle; Tenantry cannot order their rows. Make one of those foreign keys DEFERRABLE and "
              + "export that table by hand, or break the cycle"));
      order.add(next);
      remaining.remove(next);
    }
    Map<String, Table> tables = new LinkedHashMap<>();
    for (String name : order) {
      tables.put(name, new Table(name, columns(c, schema, name), conditions.get(name)));
    }
    return List.copyOf(tables.values());
  }

  private static List<String> columns(Connection c, String schema, String table) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("select a.attname from pg_attribute a join pg_class cl"
        + " on cl.oid = a.attrelid join pg_namespace n on n.oid = cl.relnamespace where n.nspname = ?"
        + " and cl.relname = ? and a.attnum > 0 and not a.attisdropped and a.attgenerated = '' order by a.attnum")) {
      ps.setString(1, schema);
      ps.setString(2, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          columns.add(rs.getString(1));
        }
      }
    }
    return columns;
  }

  /** A quoted, schema-qualified table name. */
  public static String qualified(String schema, String table) {
    return quote(schema) + "." + quote(table);
  }

  /** A quoted identifier. */
  public static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
