package io.tenantry.hibernate.rls;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * The Citus-readiness part of the audit: everything in a live schema that would stop Citus from distributing it
 * by {@code company_id}, each with its fix. Tenant tables are those with a {@code company_id} column (distributed by
 * it) and the company table (distributed by {@code id}); every other table becomes a reference table. Blockers:
 * <ul>
 *   <li>a primary key or unique constraint (or unique index) of a tenant table without its distribution column:
 *       Citus cannot enforce it across shards. This includes the {@code (id)} primary keys and global unique
 *       lookups such as a register-key hash;</li>
 *   <li>a foreign key between tenant tables that does not pair the two distribution columns;</li>
 *   <li>a foreign key from a table without {@code company_id} into a tenant table (a reference table cannot
 *       reference a distributed one), such as a JOINED subclass table keyed by its parent's id.</li>
 * </ul>
 * Warnings (not blockers): global unique lookups on reference tables, such as a login e-mail: Citus keeps them, but
 * every write to a reference table goes to every node.
 *
 * <pre>{@code CitusReadiness.of(ownerDataSource).run().assertClean();}</pre>
 */
public final class CitusReadiness {

  private final DataSource dataSource;
  private String schema = "public";
  private String companyTable = "tenantry_company";

  private CitusReadiness(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  /**
   * The readiness check of the schema behind a DataSource (any login that can read the catalogs).
   *
   * @param dataSource the database
   * @return the check
   */
  public static CitusReadiness of(DataSource dataSource) {
    return new CitusReadiness(dataSource);
  }

  /**
   * The schema; {@code public} by default.
   *
   * @param schema the schema
   * @return this
   */
  public CitusReadiness schema(String schema) {
    this.schema = Objects.requireNonNull(schema, "schema");
    return this;
  }

  /**
   * The table whose {@code id} is the company id; {@code tenantry_company} by default.
   *
   * @param table the table
   * @return this
   */
  public CitusReadiness companyTable(String table) {
    this.companyTable = Objects.requireNonNull(table, "table");
    return this;
  }

  /**
   * Reads the catalogs.
   *
   * @return the report: tenant (distributed) tables, blockers as findings, warnings
   */
  public AuditReport run() {
    try (Connection c = dataSource.getConnection()) {
      return run(c);
    } catch (SQLException e) {
      throw new IllegalStateException("The Citus-readiness check could not read the catalogs of schema '" + schema
          + "': " + e.getMessage(), e);
    }
  }

  private AuditReport run(Connection c) throws SQLException {
    Set<String> tenant = new TreeSet<>();
    try (PreparedStatement ps = c.prepareStatement("select cl.relname from pg_class cl join pg_namespace n"
        + " on n.oid = cl.relnamespace where n.nspname = ? and cl.relkind in ('r', 'p') and not cl.relispartition"
        + " and (cl.relname = ? or exists (select 1 from pg_attribute a where a.attrelid = cl.oid"
        + " and a.attname = 'company_id' and a.attnum > 0 and not a.attisdropped))")) {
      ps.setString(1, schema);
      ps.setString(2, companyTable);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          tenant.add(rs.getString(1));
        }
      }
    }
    List<AuditFinding> findings = new ArrayList<>();
    List<AuditFinding> warnings = new ArrayList<>();
    String columns = "array(select a.attname::text from unnest(%s) with ordinality k(n, i) join pg_attribute a"
        + " on a.attrelid = %s and a.attnum = k.n order by k.i)";
    try (PreparedStatement ps = c.prepareStatement("select cl.relname, con.conname, con.contype, "
        + String.format(columns, "con.conkey", "con.conrelid") + ", f.relname, "
        + String.format(columns, "con.confkey", "con.confrelid") + ","
        + " exists (select 1 from pg_constraint pk where pk.conrelid = con.conrelid and pk.contype = 'p'"
        + "   and pk.conkey::int2[] @> con.conkey::int2[] and con.conkey::int2[] @> pk.conkey::int2[])"
        + " from pg_constraint con join pg_class cl on cl.oid = con.conrelid join pg_namespace n"
        + " on n.oid = cl.relnamespace left join pg_class f on f.oid = con.confrelid where n.nspname = ?"
        + " and con.contype in ('p', 'u', 'f') and cl.relkind in ('r', 'p') and not cl.relispartition"
        + " union all select cl.relname, ic.relname, 'i', " + String.format(columns, "i.indkey::int2[]", "i.indrelid")
        + ", null, null, false from pg_index i join pg_class ic on ic.oid = i.indexrelid join pg_class cl"
        + " on cl.oid = i.indrelid join pg_namespace n on n.oid = cl.relnamespace where n.nspname = ?"
        + " and i.indisunique and not exists (select 1 from pg_constraint x where x.conindid = i.indexrelid)"
        + " and cl.relkind in ('r', 'p') order by 1, 2")) {
      ps.setString(1, schema);
      ps.setString(2, schema);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          check(rs.getString(1), rs.getString(2), rs.getString(3), strings(rs.getArray(4)), rs.getString(5),
              strings(rs.getArray(6)), rs.getBoolean(7), tenant, findings, warnings);
        }
      }
    }
    return new AuditReport(List.copyOf(tenant), findings, warnings);
  }

  private void check(String table, String name, String type, List<String> cols, String target, List<String> targetCols,
      boolean keyIsPrimaryKey, Set<String> tenant, List<AuditFinding> findings, List<AuditFinding> warnings) {
    String q = schema + "." + table;
    boolean distributed = tenant.contains(table);
    if (type.equals("f")) {
      if (!tenant.contains(target)) {
        return; // into a reference table: allowed from anywhere
      }
      if (!distributed) {
        findings.add(new AuditFinding(q, keyIsPrimaryKey
            ? "holds rows of tenant table " + target + " (its primary key " + cols + " references it) but has no "
                + "company_id: as a reference table it cannot reference a distributed table"
            : "foreign key " + name + " " + cols + " from a table without company_id (a reference table) into "
                + "tenant table " + target + ": Citus refuses references from reference to distributed tables",
            keyIsPrimaryKey
                ? "alter table " + q + " add column company_id uuid; update " + q + " t set company_id = p.company_id"
                    + " from " + schema + "." + target + " p where p.id = t." + cols.get(0) + "; alter table " + q
                    + " alter column company_id set not null, drop constraint " + name + ", add foreign key"
                    + " (company_id, " + String.join(", ", cols) + ") references " + schema + "." + target
                    + " (company_id, " + String.join(", ", targetCols) + "); then distribute it"
                : "add company_id to " + q + " (it holds tenant data) or drop the foreign key " + name));
        return;
      }
      String mine = distributionColumn(table);
      String theirs = distributionColumn(target);
      for (int i = 0; i < cols.size(); i++) {
        if (cols.get(i).equals(mine) && targetCols.get(i).equals(theirs)) {
          return;
        }
      }
      findings.add(new AuditFinding(q, "foreign key " + name + " " + cols + " into tenant table " + target + " "
          + targetCols + " does not pair " + mine + " with " + theirs + ": Citus allows foreign keys between "
          + "distributed tables only on the distribution column",
          "alter table " + q + " drop constraint " + name + ", add foreign key (" + mine + ", "
              + String.join(", ", cols) + ") references " + schema + "." + target + " (" + theirs + ", "
              + String.join(", ", targetCols) + ");"));
      return;
    }
    String kind = type.equals("p") ? "primary key" : type.equals("u") ? "unique constraint" : "unique index";
    if (!distributed) {
      if (!type.equals("p")) {
        warnings.add(new AuditFinding(q, "global unique lookup " + name + " " + cols + " on a reference table: Citus "
            + "keeps it, but every write to a reference table goes to every node",
            "keep it if writes are rare (logins); else move the lookup to a directory outside the distributed schema"));
      }
      return;
    }
    String column = distributionColumn(table);
    if (cols.contains(column)) {
      return;
    }
    String fix = type.equals("p")
        ? "alter table " + q + " drop constraint " + name + ", add primary key (" + column + ", "
            + String.join(", ", cols) + "); map the id as (" + column + ", " + String.join(", ", cols)
            + ") in Hibernate (see docs/scale-out.md, 'The road to Citus')"
        : (type.equals("u") ? "alter table " + q + " drop constraint " + name + ", add unique ("
            : "drop index " + schema + "." + name + "; create unique index on " + q + " (") + column + ", "
            + String.join(", ", cols) + "); or, for a lookup that must be unique platform-wide (a key hash, "
            + "an e-mail), keep it in a reference or directory table that maps it to the company";
    findings.add(new AuditFinding(q, kind + " " + name + " " + (cols.isEmpty() ? "(an expression)" : cols)
        + " leaves out the distribution column " + column + ": Citus cannot enforce it across shards", fix));
  }

  private String distributionColumn(String table) {
    return table.equals(companyTable) ? "id" : "company_id";
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }
}
