package io.tenantry.hibernate.rls;


import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Walks a live PostgreSQL schema and reports every way tenant data could leak past row-level
 * security (the seeds' {@code audit:cross-restaurant}, built in):
 * <ul>
 *   <li>tenant tables without RLS, without FORCE, without the restrictive policy, or with extra
 *       permissive policies;</li>
 *   <li>the application role being superuser, BYPASSRLS, or (a member of) the owner of tenant tables;</li>
 *   <li>unique constraints and foreign keys on tenant tables that do not include {@code company_id}
 *       (they reveal or reach other companies' rows, and block distribution by {@code company_id});</li>
 *   <li>tenant tables without an index leading with {@code company_id};</li>
 *   <li>views without {@code security_invoker}, materialized views, SECURITY DEFINER functions.</li>
 * </ul>
 * A tenant table is one with a {@code company_id} column, plus the company table itself. The audit
 * only reads the catalogs; any login works, the application's own included.
 */
public final class IsolationAudit {

  private final DataSource dataSource;
  private String schema = "public";
  private String appRole;
  private String companyTable = "tenantry_company";
  private final Set<String> allowedDefinerFunctions = new HashSet<>();

  private IsolationAudit(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  /** An audit over the database behind {@code dataSource}. */
  public static IsolationAudit of(DataSource dataSource) {
    return new IsolationAudit(dataSource);
  }

  /** The schema to audit; {@code public} by default. */
  public IsolationAudit schema(String schema) {
    this.schema = Objects.requireNonNull(schema, "schema");
    return this;
  }

  /** The role the application connects as; by default the audit's own login ({@code current_user}). */
  public IsolationAudit appRole(String appRole) {
    this.appRole = appRole;
    return this;
  }

  /** The table whose {@code id} is the company id; {@code tenantry_company} by default. */
  public IsolationAudit companyTable(String table) {
    this.companyTable = Objects.requireNonNull(table, "table");
    return this;
  }

  /** SECURITY DEFINER functions that were reviewed and may stay (e.g. a key lookup). */
  public IsolationAudit allowSecurityDefiner(String... functionNames) {
    allowedDefinerFunctions.addAll(Arrays.asList(functionNames));
    return this;
  }

  /** Runs the audit. */
  public AuditReport run() {
    try (Connection c = dataSource.getConnection()) {
      return new Run(c).run();
    } catch (SQLException e) {
      throw new IllegalStateException("The isolation audit could not read the catalogs of schema '" + schema
          + "': " + e.getMessage(), e);
    }
  }

  private final class Run {
    final Connection c;
    final List<AuditFinding> findings = new ArrayList<>();
    final Map<String, Set<String>> tenantTables = new LinkedHashMap<>();

    Run(Connection c) {
      this.c = c;
    }

    AuditReport run() throws SQLException {
      String role = appRole != null ? appRole : single("select current_user");
      findTenantTables();
      checkRole(role);
      for (Map.Entry<String, Set<String>> t : tenantTables.entrySet()) {
        checkTable(t.getKey(), t.getValue(), role);
      }
      for (String[] joined : joinedSubclassTables()) {
        checkJoinedTable(joined[0], joined[1], joined[2]);
      }
      checkViewsAndFunctions();
      return new AuditReport(new ArrayList<>(tenantTables.keySet()), findings);
    }

    void findTenantTables() throws SQLException {
      try (PreparedStatement ps = c.prepareStatement(
          "select c.relname, array_agg(a.attname::text order by a.attnum) from pg_class c"
              + " join pg_namespace n on n.oid = c.relnamespace"
              + " join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped"
              + " where n.nspname = ? and c.relkind in ('r', 'p') group by c.relname order by c.relname")) {
        ps.setString(1, schema);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Set<String> columns = new HashSet<>(Arrays.asList((String[]) rs.getArray(2).getArray()));
            String table = rs.getString(1);
            if (columns.contains("company_id") || table.equals(companyTable)) {
              tenantTables.put(table, columns);
            }
          }
        }
      }
    }

    /**
     * Tables without tenant columns whose primary key is a foreign key into a tenant table: the
     * tables of JOINED inheritance subclasses. Each as {table, root table, key column}.
     */
    List<String[]> joinedSubclassTables() throws SQLException {
      List<String[]> joined = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("select c.relname, ref.relname, a.attname"
          + " from pg_constraint fk join pg_constraint pk on pk.conrelid = fk.conrelid and pk.contype = 'p'"
          + " join pg_class c on c.oid = fk.conrelid join pg_class ref on ref.oid = fk.confrelid"
          + " join pg_namespace n on n.oid = c.relnamespace"
          + " join pg_attribute a on a.attrelid = fk.conrelid and a.attnum = fk.conkey[1]"
          + " where fk.contype = 'f' and n.nspname = ? and fk.conkey = pk.conkey and cardinality(fk.conkey) = 1")) {
        ps.setString(1, schema);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            if (!tenantTables.containsKey(rs.getString(1)) && tenantTables.containsKey(rs.getString(2))) {
              joined.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
            }
          }
        }
      }
      return joined;
    }

    void checkJoinedTable(String table, String root, String keyColumn) throws SQLException {
      String q = qualified(table);
      String generated = PolicySql.forJoinedSubclass(q, qualified(root), keyColumn, null);
      try (PreparedStatement ps = c.prepareStatement(
          "select c.relrowsecurity, c.relforcerowsecurity from pg_class c where c.oid = ?::regclass")) {
        ps.setString(1, q);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          if (!rs.getBoolean(1)) {
            findings.add(new AuditFinding(table, "row-level security is not enabled on this subclass table of tenant "
                + "table " + root + ": its columns are readable for every company", generated));
            return;
          }
          if (!rs.getBoolean(2)) {
            findings.add(new AuditFinding(table, "row-level security is not forced (the owner bypasses it)",
                "alter table " + q + " force row level security;"));
          }
        }
      }
      checkPolicies(table, q, generated);
    }

    TenantTableLevel level(String table, Set<String> columns) {
      if (table.equals(companyTable)) {
        return TenantTableLevel.COMPANY_ROOT;
      }
      if (table.equals("tenantry_store")) {
        return TenantTableLevel.STORE_ROOT;
      }
      if (columns.contains("register_id") && columns.contains("store_id")) {
        return nullable(table, "store_id") ? TenantTableLevel.HIERARCHICAL : TenantTableLevel.REGISTER;
      }
      return columns.contains("store_id") ? TenantTableLevel.STORE : TenantTableLevel.COMPANY;
    }

    boolean nullable(String table, String column) {
      try (PreparedStatement ps = c.prepareStatement("select not a.attnotnull from pg_attribute a"
          + " where a.attrelid = ?::regclass and a.attname = ?")) {
        ps.setString(1, qualified(table));
        ps.setString(2, column);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() && rs.getBoolean(1);
        }
      } catch (SQLException e) {
        return false;
      }
    }

    void checkRole(String role) throws SQLException {
      try (PreparedStatement ps = c.prepareStatement("select rolsuper, rolbypassrls from pg_roles where rolname = ?")) {
        ps.setString(1, role);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            findings.add(new AuditFinding("role " + role, "the application role does not exist",
                "create role " + role + " login nosuperuser nobypassrls; -- and grant it the table privileges"));
            return;
          }
          if (rs.getBoolean(1)) {
            findings.add(new AuditFinding("role " + role, "the application role is a superuser: it bypasses every policy",
                "connect the application as a plain role: alter role " + role + " nosuperuser;"));
          }
          if (rs.getBoolean(2)) {
            findings.add(new AuditFinding("role " + role, "the application role has BYPASSRLS: it bypasses every policy",
                "alter role " + role + " nobypassrls;"));
          }
        }
      }
    }

    void checkTable(String table, Set<String> columns, String role) throws SQLException {
      TenantTableLevel level = level(table, columns);
      String q = qualified(table);
      String generated = PolicySql.forTable(q, level, null);
      try (PreparedStatement ps = c.prepareStatement("select c.relrowsecurity, c.relforcerowsecurity,"
          + " pg_get_userbyid(c.relowner), pg_has_role(?, c.relowner, 'USAGE') from pg_class c where c.oid = ?::regclass")) {
        ps.setString(1, role);
        ps.setString(2, q);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          if (!rs.getBoolean(1)) {
            findings.add(new AuditFinding(table, "row-level security is not enabled", generated));
          } else if (!rs.getBoolean(2)) {
            findings.add(new AuditFinding(table, "row-level security is not forced (the owner bypasses it)",
                "alter table " + q + " force row level security;"));
          }
          if (rs.getBoolean(4)) {
            findings.add(new AuditFinding(table, "the application role " + role + " owns the table or has the "
                + "privileges of its owner " + rs.getString(3) + ", and owners are not bound by policies unless forced",
                "alter table " + q + " owner to <migration owner>; revoke " + rs.getString(3) + " from " + role + ";"));
          }
        }
      }
      checkPolicies(table, q, generated);
      if (level != TenantTableLevel.COMPANY_ROOT) {
        checkUniqueAndIndexes(table, q);
      }
      checkForeignKeys(table, q);
    }

    void checkPolicies(String table, String q, String generated) throws SQLException {
      boolean restrictive = false;
      try (PreparedStatement ps = c.prepareStatement("select polname, polpermissive, polcmd::text,"
          + " polqual is not null, polwithcheck is not null from pg_policy where polrelid = ?::regclass")) {
        ps.setString(1, q);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String name = rs.getString(1);
            boolean permissive = rs.getBoolean(2);
            if (!permissive && "*".equals(rs.getString(3)) && rs.getBoolean(4) && rs.getBoolean(5)) {
              restrictive = true;
            }
            if (permissive && !name.equals(PolicySql.PERMISSIVE)) {
              findings.add(new AuditFinding(table, "extra permissive policy " + name + " (permissive policies are "
                  + "OR-ed: it widens what the tenant policy grants)",
                  "drop policy " + name + " on " + q + "; -- or re-create it AS RESTRICTIVE"));
            }
          }
        }
      }
      if (!restrictive) {
        findings.add(new AuditFinding(table, "no restrictive FOR ALL policy with USING and WITH CHECK: a policy "
            + "added later could widen access, and rows could be moved to another tenant", generated));
      }
    }

    void checkUniqueAndIndexes(String table, String q) throws SQLException {
      boolean leading = false;
      try (PreparedStatement ps = c.prepareStatement("select ic.relname, i.indisunique, i.indisprimary,"
          + " array(select a.attname::text from unnest(i.indkey) with ordinality k(attnum, ord)"
          + "   join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum order by k.ord)"
          + " from pg_index i join pg_class ic on ic.oid = i.indexrelid where i.indrelid = ?::regclass")) {
        ps.setString(1, q);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            List<String> cols = Arrays.asList((String[]) rs.getArray(4).getArray());
            if (!cols.isEmpty() && cols.get(0).equals("company_id")) {
              leading = true;
            }
            boolean primaryOnId = rs.getBoolean(3) && cols.equals(List.of("id"));
            if (rs.getBoolean(2) && !primaryOnId && !cols.contains("company_id")) {
              findings.add(new AuditFinding(table, "unique index " + rs.getString(1) + " on " + cols + " does not "
                  + "include company_id: a duplicate in another company is refused, which reveals that company's "
                  + "value, and Citus cannot distribute the table by company_id",
                  "drop the index and create unique index on " + q + " (company_id, " + String.join(", ", cols) + ");"));
            }
          }
        }
      }
      if (!leading) {
        findings.add(new AuditFinding(table, "no index leads with company_id: every tenant-scoped query scans the table",
            "create index on " + q + " (company_id);"));
      }
    }

    void checkForeignKeys(String table, String q) throws SQLException {
      try (PreparedStatement ps = c.prepareStatement("select con.conname, ref.relname,"
          + " array(select a.attname::text from unnest(con.conkey) k(attnum)"
          + "   join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum)"
          + " from pg_constraint con join pg_class ref on ref.oid = con.confrelid"
          + " where con.contype = 'f' and con.conrelid = ?::regclass")) {
        ps.setString(1, q);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String referenced = rs.getString(2);
            List<String> cols = Arrays.asList((String[]) rs.getArray(3).getArray());
            if (tenantTables.containsKey(referenced) && !cols.contains("company_id")) {
              findings.add(new AuditFinding(table, "foreign key " + rs.getString(1) + " " + cols + " into tenant table "
                  + referenced + " does not include company_id: a row can point into another company",
                  "alter table " + q + " drop constraint " + rs.getString(1) + ", add foreign key (company_id, "
                      + String.join(", ", cols) + ") references " + referenced + " (company_id, id);"));
            }
          }
        }
      }
    }

    void checkViewsAndFunctions() throws SQLException {
      try (PreparedStatement ps = c.prepareStatement("select c.relname, c.relkind::text, coalesce(array_to_string(c.reloptions, ','), '')"
          + " from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = ? and c.relkind in ('v', 'm')")) {
        ps.setString(1, schema);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String view = rs.getString(1);
            String options = rs.getString(3).toLowerCase(java.util.Locale.ROOT);
            if (rs.getString(2).equals("m")) {
              findings.add(new AuditFinding(view, "materialized view: it stores rows without any policy",
                  "drop materialized view " + schema + "." + view + "; -- or revoke it from the application role"));
            } else if (!options.contains("security_invoker=true") && !options.contains("security_invoker=on")) {
              findings.add(new AuditFinding(view, "view without security_invoker: it reads as its owner and bypasses "
                  + "the caller's policies", "alter view " + schema + "." + view + " set (security_invoker = true);"));
            }
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement("select p.proname, pg_get_function_identity_arguments(p.oid)"
          + " from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = ? and p.prosecdef")) {
        ps.setString(1, schema);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            if (!allowedDefinerFunctions.contains(rs.getString(1))) {
              String fn = schema + "." + rs.getString(1) + "(" + rs.getString(2) + ")";
              findings.add(new AuditFinding(fn, "SECURITY DEFINER function: it runs as its owner and bypasses the "
                  + "caller's policies", "alter function " + fn + " security invoker; -- or allow it after review"));
            }
          }
        }
      }
    }

    String single(String sql) throws SQLException {
      try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }

    String qualified(String table) {
      return schema + "." + table;
    }
  }

}
