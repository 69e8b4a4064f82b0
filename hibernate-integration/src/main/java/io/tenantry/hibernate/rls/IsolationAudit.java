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
import io.tenantry.core.Tenancy;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;

/**
 * Walks a live PostgreSQL schema and reports every way tenant data could leak past row-level
 * security:
 * <ul>
 *   <li>tenant tables without RLS, without FORCE, without the restrictive policy, or with extra
 *       permissive policies;</li>
 *   <li>the application role being superuser, BYPASSRLS, or (a member of) the owner of tenant tables;</li>
 *   <li>unique constraints and foreign keys on tenant tables that do not include {@code company_id}
 *       (they reveal or reach other companies' rows, and block distribution by {@code company_id});</li>
 *   <li>tenant tables without an index leading with {@code company_id};</li>
 *   <li>views without {@code security_invoker}, materialized views, SECURITY DEFINER functions;</li>
 *   <li>tables that hold tenant data without tenant columns: element-collection, join and secondary
 *       tables (from the mapping when {@link #mapping} is given, else every table with a foreign key
 *       into a tenant table);</li>
 *   <li>secrets the application role can read (password or secret columns), and Tenantry's login table
 *       without its policy;</li>
 *   <li>policies that do not name the system login (then {@code Tenancy.asSystem} sees nothing), and a
 *       system login that cannot connect.</li>
 * </ul>
 * Warnings, which do not make the report unclean: no system login configured, and the application
 * role's {@code TEMP} privilege (temporary tables are per connection and outlive a borrower unless the
 * pool resets the connection). Every fix that is policy DDL is exactly what {@link TenantryRls#mappingPolicySql}
 * generates, with the system login. A tenant table is one with a {@code company_id} column, plus the
 * company table itself. The audit only reads the catalogs; any login works, the application's own
 * included.
 */
public final class IsolationAudit {

  private final DataSource dataSource;
  private String schema = "public";
  private String appRole;
  private String companyTable = "tenantry_company";
  private final Set<String> allowedDefinerFunctions = new HashSet<>();
  /** Unique indexes reviewed to be global on purpose; Tenantry's own register-key hash is one. */
  private final Set<String> allowedGlobalUniques = new HashSet<>(Set.of("tenantry_register_key_hash_key"));
  private MappedTables mapping;
  private String systemRole;
  private boolean systemRoleGiven;
  /** The system DataSource's login, once asked (asking is logged system access; health checks repeat). */
  private volatile String systemLoginSeen;

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

  /**
   * The Hibernate mapping of the application: the audit then knows every table that holds tenant
   * data from the mapping (element collections, join tables, secondary tables), which entities are
   * {@code @SharedAcrossTenants}, and prints for each the fix {@link TenantryRls#mappingPolicySql} generates.
   */
  public IsolationAudit mapping(SessionFactory sessionFactory) {
    this.mapping = MappedTables.of(Objects.requireNonNull(sessionFactory, "sessionFactory"));
    return this;
  }

  /**
   * The login of {@code Tenancy.asSystem} work, or {@code null} for none: the policies must name it
   * (unless it has BYPASSRLS), and the fixes do. By default it is found out: from the system
   * DataSource when {@code dataSource} is Tenantry's row-level-security DataSource, else from the
   * existing Tenantry policies.
   */
  public IsolationAudit systemRole(String systemRole) {
    this.systemRole = systemRole;
    this.systemRoleGiven = true;
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

  /**
   * Unique indexes (by name) that were reviewed and may stay without {@code company_id}, such as a
   * hash of a random secret. {@code tenantry_register_key_hash_key} is allowed by default.
   */
  public IsolationAudit allowGlobalUnique(String... indexNames) {
    allowedGlobalUniques.addAll(Arrays.asList(indexNames));
    return this;
  }

  /**
   * The row-level security DDL for every tenant table found in the live schema (and every JOINED
   * subclass table of one), for applications that do not generate it from a Hibernate mapping.
   * Levels are read from the columns: {@code store_id}, {@code register_id}, and nullable ones for
   * hierarchical settings.
   *
   * @param systemRole the login used for {@code Tenancy.asSystem} work, or {@code null}
   */
  public String schemaPolicySql(String systemRole) {
    try (Connection c = dataSource.getConnection()) {
      Run run = new Run(c);
      run.findTenantTables();
      MappedTables m = run.asMapping();
      return "-- Generated by Tenantry (IsolationAudit.policySql) from schema " + schema + ".\n"
          + TenantryRls.policySql(m, systemRole, schema);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read the catalogs of schema '" + schema + "': " + e.getMessage(), e);
    }
  }

  /**
   * The former name of {@link #schemaPolicySql(String)}.
   *
   * @deprecated use {@link #schemaPolicySql(String)}, the policies from the live schema, which
   *     {@link TenantryRls#mappingPolicySql} (the policies from the mapping) is not
   */
  @Deprecated(since = "0.2.0")
  public String policySql(String systemRole) {
    return schemaPolicySql(systemRole);
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
    final List<AuditFinding> warnings = new ArrayList<>();
    final Map<String, Set<String>> tenantTables = new LinkedHashMap<>();
    String system;
    boolean systemBypasses;

    Run(Connection c) {
      this.c = c;
    }

    AuditReport run() throws SQLException {
      String role = appRole != null ? appRole : single("select current_user");
      findTenantTables();
      findSystemRole(role);
      checkRole(role);
      checkTemporaryTables(role);
      Map<String, ChildTable> children = childTables();
      for (Map.Entry<String, Set<String>> t : tenantTables.entrySet()) {
        checkTable(t.getKey(), t.getValue(), role, children.get(t.getKey()));
      }
      for (String[] joined : joinedSubclassTables()) {
        checkJoinedTable(joined[0], joined[1], joined[2]);
      }
      for (ChildTable child : children.values()) {
        if (!tenantTables.containsKey(child.table())) {
          findings.add(new AuditFinding(child.table(), "holds rows of tenant table " + child.owner() + " ("
              + child.kind() + ") but has no tenant columns and no row-level security: every company's rows "
              + "are readable and writable here", PolicySql.forChildTable(child.qualified(schema), system)));
        }
      }
      checkLogins(role);
      checkSecrets(role);
      checkCompanyStatus(role);
      checkKeyDirectory(role);
      checkViewsAndFunctions();
      return new AuditReport(new ArrayList<>(tenantTables.keySet()), findings, warnings);
    }

    /** Which login {@code Tenancy.asSystem} work uses, so that fixes name it and policies are checked for it. */
    void findSystemRole(String role) throws SQLException {
      if (systemRoleGiven) {
        system = systemRole;
      } else if (TenantryRls.isWrapped(dataSource)) {
        try {
          String login = systemLoginSeen != null ? systemLoginSeen
              : Tenancy.supplyAsSystem("isolation audit: which login system access uses", () -> {
            try (Connection sc = dataSource.getConnection(); PreparedStatement ps = sc.prepareStatement(
                "select current_user"); ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getString(1);
            } catch (SQLException e) {
              throw new IllegalStateException(e.getMessage(), e);
            }
          });
          systemLoginSeen = login;
          String app = single("select current_user");
          system = login.equals(app) || login.equals(role) ? null : login;
          if (system == null) {
            warnings.add(new AuditFinding("system login", "no system login is configured: Tenancy.asSystem work "
                + "(signup, login lookups, platform jobs) sees no tenant rows",
                "pass a system DataSource to TenantryRls.dataSource(app, system) (Spring: tenantry.rls.system.username"
                    + " and password), a login named in the policies (TenantryRls.policySql(sessionFactory, \"<login>\"))"
                    + " or one with BYPASSRLS"));
          }
        } catch (RuntimeException e) {
          findings.add(new AuditFinding("system login", "the system login cannot connect (" + e.getMessage()
              + "): every Tenancy.asSystem call will fail", "create the login (create role <name> login nosuperuser "
              + "nobypassrls password '...'), grant it the table privileges, and check its URL and password"));
          return;
        }
      } else {
        system = policyRole();
      }
      if (system != null) {
        try (PreparedStatement ps = c.prepareStatement("select rolsuper or rolbypassrls from pg_roles where rolname = ?")) {
          ps.setString(1, system);
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              findings.add(new AuditFinding("role " + system, "the system login does not exist",
                  "create role " + system + " login nosuperuser nobypassrls; -- and grant it the table privileges"));
            } else {
              systemBypasses = rs.getBoolean(1);
            }
          }
        }
      }
    }

    /** The login an existing Tenantry policy names ({@code current_user = 'x'}), if any. */
    String policyRole() throws SQLException {
      try (PreparedStatement ps = c.prepareStatement("select substring(pg_get_expr(p.polqual, p.polrelid)"
          + " from 'CURRENT_USER = ''([^'']+)''::name') from pg_policy p join pg_class c on c.oid = p.polrelid"
          + " join pg_namespace n on n.oid = c.relnamespace where n.nspname = ? and p.polname = ?"
          + " and pg_get_expr(p.polqual, p.polrelid) like '%CURRENT_USER = %' limit 1")) {
        ps.setString(1, schema);
        ps.setString(2, PolicySql.PERMISSIVE);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? rs.getString(1) : null;
        }
      }
    }

    void checkTemporaryTables(String role) throws SQLException {
      try (PreparedStatement ps = c.prepareStatement(
          "select has_database_privilege(?, current_database(), 'TEMP'), current_database()")) {
        ps.setString(1, role);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next() && rs.getBoolean(1)) {
            String db = rs.getString(2);
            warnings.add(new AuditFinding("role " + role, "the application role may create temporary tables: they "
                + "live as long as the connection, and a pooled connection serves another tenant next unless it is "
                + "reset between borrowers (DISCARD ALL)",
                "revoke temporary on database " + ident(db) + " from public; revoke temporary on database "
                    + ident(db) + " from " + role + "; -- as the database owner"));
          }
        }
      }
    }

    /**
     * The tables that hold tenant data without (necessarily) tenant columns of their own: from the
     * mapping when given, else every table with a foreign key into a tenant table that is not shaped
     * like a JOINED subclass table (key = foreign key).
     */
    Map<String, ChildTable> childTables() throws SQLException {
      Map<String, ChildTable> children = new LinkedHashMap<>();
      if (mapping != null) {
        mapping.childTables.forEach((table, child) -> {
          if (exists(table)) {
            children.put(table, child);
          }
        });
      }
      Map<String, ChildTable> fromCatalog = new LinkedHashMap<>();
      try (PreparedStatement ps = c.prepareStatement("select c.relname, ref.relname, a.attname,"
          + " exists (select 1 from pg_constraint pk where pk.conrelid = fk.conrelid and pk.contype = 'p'"
          + "   and pk.conkey = fk.conkey)"
          + " from pg_constraint fk join pg_class c on c.oid = fk.conrelid join pg_class ref on ref.oid = fk.confrelid"
          + " join pg_namespace n on n.oid = c.relnamespace"
          + " join pg_attribute a on a.attrelid = fk.conrelid and a.attnum = fk.conkey[1]"
          + " where fk.contype = 'f' and n.nspname = ? and cardinality(fk.conkey) = 1 order by c.relname, fk.conname")) {
        ps.setString(1, schema);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String table = rs.getString(1);
            String ref = rs.getString(2);
            if (tenantTables.containsKey(table) || !tenantTables.containsKey(ref) || rs.getBoolean(4)
                || table.equals(companyTable) || ref.equals(companyTable) || ref.equals("tenantry_store")) {
              continue;
            }
            if (children.containsKey(table) || (mapping != null && mapping.sharedTables.contains(table))) {
              continue; // the mapping knows it better, or declared it shared
            }
            ChildTable known = fromCatalog.get(table);
            TenantTableLevel level = level(ref, tenantTables.get(ref));
            if (known == null) {
              fromCatalog.put(table, new ChildTable(table, ref, level, rs.getString(3), null, null, "child table"));
            } else if (known.element() == null) {
              fromCatalog.put(table, new ChildTable(table, known.owner(), known.ownerLevel(), known.ownerKey(), ref,
                  rs.getString(3), "join table"));
            }
          }
        }
      }
      children.putAll(fromCatalog);
      return children;
    }

    boolean exists(String table) {
      try (PreparedStatement ps = c.prepareStatement("select to_regclass(?) is not null")) {
        ps.setString(1, qualified(table));
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() && rs.getBoolean(1);
        }
      } catch (SQLException e) {
        return false;
      }
    }

    /** The catalog's view of the tables, as the generator's input (for {@link IsolationAudit#policySql}). */
    MappedTables asMapping() throws SQLException {
      MappedTables m = mapping != null ? mapping : MappedTables.empty();
      if (mapping == null) {
        for (Map.Entry<String, Set<String>> t : tenantTables.entrySet()) {
          m.tenantTables.put(t.getKey(), level(t.getKey(), t.getValue()));
        }
        for (String[] joined : joinedSubclassTables()) {
          m.joinedSubclassTables.put(joined[0], new String[] {joined[1], joined[2]});
        }
        m.childTables.putAll(childTables());
        if (exists("tenantry_user_account") && exists("tenantry_membership")) {
          m.userAccountTable = "tenantry_user_account";
          m.membershipTable = "tenantry_membership";
        }
      }
      return m;
    }

    /** Tenantry's login table: every company's e-mails, so it needs its policy even though it is shared. */
    void checkLogins(String role) throws SQLException {
      String users = mapping != null ? mapping.userAccountTable : (exists("tenantry_user_account") ? "tenantry_user_account" : null);
      String members = mapping != null ? mapping.membershipTable : "tenantry_membership";
      if (users == null || members == null || !exists(users) || !readable(role, users)) {
        return;
      }
      String q = qualified(users);
      String generated = PolicySql.forUserAccounts(q, qualified(members), system);
      if (!rlsEnabled(q)) {
        findings.add(new AuditFinding(users, "the login table has no row-level security: the application role reads "
            + "every company's users", generated));
        return;
      }
      checkPolicies(users, q, generated, true);
    }

    /**
     * Columns that hold passwords or secrets which the application role may read: a stolen
     * application connection (or one native-SQL bug) must not yield credentials.
     */
    void checkSecrets(String role) throws SQLException {
      try (PreparedStatement ps = c.prepareStatement("select c.relname, a.attname from pg_attribute a"
          + " join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace"
          + " where n.nspname = ? and c.relkind in ('r', 'p', 'v', 'm') and a.attnum > 0 and not a.attisdropped"
          + " and a.attname ~* '(password|passwd|secret|otp_seed|totp|private_key)'"
          + " and has_column_privilege(?, c.oid, a.attnum, 'SELECT') order by c.relname, a.attname")) {
        ps.setString(1, schema);
        ps.setString(2, role);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String table = rs.getString(1);
            boolean walled = rlsEnabled(qualified(table));
            // without row-level security every company's secrets are exposed: a hole; behind it, the
            // bound company's own: still worth a warning, since a hash is an offline attack on a password
            (walled ? warnings : findings).add(new AuditFinding(table, "the application role " + role
                + " can read column " + rs.getString(2) + ", a secret, " + (walled
                    ? "of the rows row-level security shows it" : "of every company (no row-level security)")
                + ": one native-SQL bug or a dump as that role exposes it",
                "revoke select on " + qualified(table) + " from " + role + "; grant select (<the other columns>) on "
                    + qualified(table) + " to " + role + "; -- and read the secret only as the system login or "
                    + "through a SECURITY DEFINER function with a fixed signature"));
          }
        }
      }
    }

    /**
     * A company's deactivation ({@code deactivated_at}, {@code deactivation_reason}) is platform work: an
     * application role that may update those columns lets a tenant reactivate itself through one native-SQL bug
     * or a stolen connection. A warning, like a readable secret behind row-level security: no tenant reaches
     * another's rows through it.
     */
    void checkCompanyStatus(String role) throws SQLException {
      try (PreparedStatement ps = c.prepareStatement("select a.attname from pg_attribute a"
          + " join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace"
          + " where n.nspname = ? and c.relname = ? and a.attnum > 0 and not a.attisdropped"
          + " and a.attname in ('deactivated_at', 'deactivation_reason')"
          + " and has_column_privilege(?, c.oid, a.attnum, 'UPDATE') order by a.attnum")) {
        ps.setString(1, schema);
        ps.setString(2, companyTable);
        ps.setString(3, role);
        List<String> writable = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            writable.add(rs.getString(1));
          }
        }
        if (!writable.isEmpty()) {
          String table = qualified(companyTable);
          warnings.add(new AuditFinding(companyTable, "the application role " + role + " can update "
              + String.join(", ", writable) + ": a tenant can reactivate its own deactivated company (a deactivation "
              + "is platform work, for the system login only)",
              "revoke update on " + table + " from " + role + "; grant update (<every column but deactivated_at and "
                  + "deactivation_reason>) on " + table + " to " + role + "; -- TenantryRoles.sql does this"));
        }
      }
    }

    /**
     * The register-key directory ({@code tenantry_register_key_lookup}: key hash → company and key, the one read
     * made before a tenant is known) holds every company's entries and has no policy; only the system login needs
     * it. An application role with any privilege on it can, through one native-SQL bug or a stolen connection, read
     * every company's key hashes and ids, or delete other companies' entries so that their registers are refused.
     * A warning, like the other privileges only the system login should hold.
     */
    void checkKeyDirectory(String role) throws SQLException {
      String table = "tenantry_register_key_lookup";
      try (PreparedStatement ps = c.prepareStatement("select to_regclass(?) is not null and"
          + " (has_table_privilege(?, to_regclass(?), 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE')"
          + " or has_any_column_privilege(?, to_regclass(?), 'SELECT, INSERT, UPDATE'))")) {
        String q = qualified(table);
        ps.setString(1, q);
        ps.setString(2, role);
        ps.setString(3, q);
        ps.setString(4, role);
        ps.setString(5, q);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next() && rs.getBoolean(1)) {
            warnings.add(new AuditFinding(table, "the application role " + role + " has privileges on the"
                + " register-key directory, which holds every company's key hashes and has no policy: one native-SQL"
                + " bug reads them, or deletes other companies' entries so that their registers are refused (only the"
                + " system login needs the table)",
                "revoke all on " + q + " from " + role + "; -- TenantryRoles.sql does this"));
          }
        }
      }
    }

    boolean readable(String role, String table) throws SQLException {
      try (PreparedStatement ps = c.prepareStatement("select has_table_privilege(?, ?::regclass, 'SELECT')"
          + " or has_any_column_privilege(?, ?::regclass, 'SELECT')")) {
        ps.setString(1, role);
        ps.setString(2, qualified(table));
        ps.setString(3, role);
        ps.setString(4, qualified(table));
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() && rs.getBoolean(1);
        }
      }
    }

    boolean rlsEnabled(String q) throws SQLException {
      try (PreparedStatement ps = c.prepareStatement("select relrowsecurity and relforcerowsecurity from pg_class"
          + " where oid = ?::regclass")) {
        ps.setString(1, q);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() && rs.getBoolean(1);
        }
      }
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
            boolean child = mapping != null && mapping.childTables.containsKey(rs.getString(1));
            if (!child && !tenantTables.containsKey(rs.getString(1)) && tenantTables.containsKey(rs.getString(2))) {
              joined.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
            }
          }
        }
      }
      return joined;
    }

    void checkJoinedTable(String table, String root, String keyColumn) throws SQLException {
      String q = qualified(table);
      String generated = PolicySql.forJoinedSubclass(q, qualified(root), keyColumn, system);
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

    void checkTable(String table, Set<String> columns, String role, ChildTable child) throws SQLException {
      TenantTableLevel level = child != null ? child.ownerLevel()
          : mapping != null && mapping.tenantTables.containsKey(table) ? mapping.tenantTables.get(table)
          : level(table, columns);
      String q = qualified(table);
      String generated = child != null ? PolicySql.forChildTable(child.qualified(schema), system)
          : PolicySql.forTable(q, level, system);
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
            String owner = rs.getString(3);
            findings.add(new AuditFinding(table, "the application role " + role + (owner.equals(role)
                ? " owns the table" : " has the privileges of the table's owner " + owner) + ": an owner may "
                + "switch row-level security off (alter table ... no force / disable) and drop the policies",
                owner.equals(role)
                    ? "run migrations as a separate owner and connect the application as a plain role, e.g. "
                        + "create role " + role + "_owner nologin; alter table " + q + " owner to " + role + "_owner;"
                        + " -- then grant " + role + " select, insert, update, delete on it"
                    : "revoke " + owner + " from " + role + ";"));
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
      checkPolicies(table, q, generated, false);
    }

    void checkPolicies(String table, String q, String generated, boolean login) throws SQLException {
      boolean restrictive = false;
      boolean systemMissing = false;
      boolean readsTenant = !login && generated.contains(RlsSettings.COMPANY);
      try (PreparedStatement ps = c.prepareStatement("select polname, polpermissive, polcmd::text,"
          + " polqual is not null, polwithcheck is not null, coalesce(pg_get_expr(polqual, polrelid), ''),"
          + " coalesce(pg_get_expr(polwithcheck, polrelid), '') from pg_policy where polrelid = ?::regclass")) {
        ps.setString(1, q);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String name = rs.getString(1);
            boolean permissive = rs.getBoolean(2);
            if (system != null && !systemBypasses && (name.equals(PolicySql.PERMISSIVE) || name.equals(PolicySql.RESTRICTIVE))
                && !rs.getString(6).contains("CURRENT_USER = " + PolicySql.literal(system) + "::name")) {
              systemMissing = true;
            }
            if (!permissive && "*".equals(rs.getString(3)) && rs.getBoolean(4) && rs.getBoolean(5)) {
              restrictive = true;
              // the restrictive policy is the only check of rows written (the generated permissive
              // policy's WITH CHECK is true): one that does not read the tenant does not guard
              if (readsTenant && !(rs.getString(6).contains(RlsSettings.COMPANY)
                  && rs.getString(7).contains(RlsSettings.COMPANY))) {
                findings.add(new AuditFinding(table, "restrictive policy " + name + " does not check the bound "
                    + "company in both USING and WITH CHECK: rows could be written for another tenant", generated));
              }
            }
            boolean ownLoginPolicy = login && (name.equals(PolicySql.USER_INSERT) || name.equals(PolicySql.SYSTEM));
            if (permissive && !name.equals(PolicySql.PERMISSIVE) && !ownLoginPolicy) {
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
      } else if (systemMissing) {
        findings.add(new AuditFinding(table, "the policies do not name the system login " + system
            + ": Tenancy.asSystem work sees none of this table's rows", generated));
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
            if (rs.getBoolean(2) && !primaryOnId && !cols.contains("company_id")
                && !allowedGlobalUniques.contains(rs.getString(1))) {
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

    String ident(String name) {
      return name.matches("[a-z_][a-z0-9_$]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }
  }

}
