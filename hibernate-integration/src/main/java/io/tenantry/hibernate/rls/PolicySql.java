package io.tenantry.hibernate.rls;

import java.util.Locale;

/**
 * Generates the row-level security DDL of one tenant table: ENABLE and FORCE, a permissive policy
 * granting the tenant's rows and a restrictive {@code FOR ALL ... USING ... WITH CHECK} policy with
 * the same condition, so that no permissive policy added later can widen access. Fails closed: an
 * unset or empty setting matches no row. Idempotent (drop if exists, create), so it fits a Flyway
 * migration that is re-run after schema changes.
 *
 * <p>Rows written are checked once, by the restrictive policy: the permissive policy's
 * {@code WITH CHECK} is {@code true}. PostgreSQL merges the two identical {@code USING} conditions
 * of a read into one, but checks each policy's {@code WITH CHECK} separately, with its own
 * sub-selects; a permissive check only counts OR-ed with other permissive checks and AND-ed with the
 * restrictive one, so a second copy of the condition there refused nothing the restrictive check
 * lets through. Both policies still carry the condition for reading and for choosing the rows an
 * {@code UPDATE} or {@code DELETE} may touch.
 */
public final class PolicySql {

  /** Name of the permissive policy. */
  public static final String PERMISSIVE = "tenantry_tenant";
  /** Name of the restrictive policy. */
  public static final String RESTRICTIVE = "tenantry_tenant_guard";
  /** The login table's permissive policy for inserts by a bound tenant. */
  static final String USER_INSERT = "tenantry_tenant_insert";
  /** The login table's permissive policy for the system login (changes and deletes). */
  static final String SYSTEM = "tenantry_system";

  private PolicySql() {}

  /**
   * The condition a row must satisfy, for reads ({@code USING}) and writes ({@code WITH CHECK}).
   *
   * @param level how the table is owned
   * @param systemRole a login that sees every row (the explicit system-access mechanism), or {@code null}
   */
  public static String condition(TenantTableLevel level, String systemRole) {
    String company = level == TenantTableLevel.COMPANY_ROOT ? "id" : "company_id";
    StringBuilder c = new StringBuilder("(").append(company).append(" = ").append(RlsSettings.COMPANY_EXPR);
    switch (level) {
      case STORE_ROOT:
        c.append(" and ").append(storeVisible("id", false));
        break;
      case STORE:
        c.append(" and ").append(storeVisible("store_id", false));
        break;
      case REGISTER:
        c.append(" and ").append(storeVisible("store_id", false)).append(" and ").append(registerVisible(false));
        break;
      case HIERARCHICAL:
        c.append(" and ").append(storeVisible("store_id", true)).append(" and ").append(registerVisible(true));
        break;
      default:
        break;
    }
    c.append(')');
    if (systemRole != null) {
      c.insert(0, "(").append(" or current_user = ").append(literal(systemRole)).append(')');
    }
    return c.toString();
  }

  /*
   * One sub-select per setting group and table: PostgreSQL runs each sub-select of a policy as an
   * InitPlan, set up again on every execution of every statement that touches the table (one to two
   * microseconds each; benchmarks/README.md, finding 2). Hence the visible stores (with "all stores" folded in) and the register are
   * read once each, not once per use.
   */
  private static String storeVisible(String column, boolean nullable) {
    // null array = every store of the company; array[column] then matches any non-null store
    return "(" + (nullable ? column + " is null or " : "") + column + " = any (coalesce("
        + RlsSettings.VISIBLE_STORES_EXPR + ", array[" + column + "])))";
  }

  private static String registerVisible(boolean nullable) {
    // no register bound: the row's own register, so every register matches
    return "(" + (nullable ? "register_id is null or " : "") + "register_id is not distinct from coalesce("
        + RlsSettings.REGISTER_EXPR + ", register_id))";
  }

  /** The complete, idempotent DDL for one table. */
  public static String forTable(String table, TenantTableLevel level, String systemRole) {
    return ddl(table, level.name().toLowerCase(Locale.ROOT), condition(level, systemRole));
  }

  /**
   * The DDL for the table of a JOINED inheritance subclass, which holds no tenant columns: a row is
   * visible, and may be written, only when its row in the (policy-protected) root table is visible.
   */
  public static String forJoinedSubclass(String table, String rootTable, String idColumn, String systemRole) {
    String t = identifier(table);
    String cond = "(exists (select 1 from " + identifier(rootTable) + " r where r." + identifier(idColumn) + " = "
        + t + "." + identifier(idColumn) + "))";
    if (systemRole != null) {
      cond = "(" + cond + " or current_user = " + literal(systemRole) + ")";
    }
    return ddl(table, "joined subclass of " + rootTable, cond);
  }

  /**
   * The DDL for a table that holds tenant data without tenant columns of its own (an element
   * collection, a join table, a secondary table). Rather than a per-row sub-query into the owner,
   * the child carries the owner's tenant columns, like every tenant table: added if missing, stamped
   * from the owner row by a {@code BEFORE INSERT OR UPDATE} trigger (Hibernate does not write them),
   * existing rows filled in, a composite foreign key {@code (company_id, key)} to the owner's
   * {@code (company_id, id)} (and to the element's, for a join table) replacing the ones without
   * {@code company_id}, primary and unique keys widened by {@code company_id}, an index leading with
   * it, and the owner's policy. The trigger reads the owner under the caller's row-level security:
   * an owner the caller cannot see stamps nothing, and the insert is refused. The owner table needs
   * {@code unique (company_id, id)} (Tenantry's schemas have it). Idempotent.
   */
  static String forChildTable(ChildTable child, String systemRole) {
    String t = identifier(child.table());
    String o = identifier(child.owner());
    String bare = bareName(child.table());
    String key = identifier(child.ownerKey());
    TenantTableLevel level = child.ownerLevel();
    java.util.List<String> columns = tenantColumns(level);
    String fn = t + "_tenantry_stamp";
    StringBuilder sql = new StringBuilder("-- ").append(child.table()).append(" (").append(level.name()
        .toLowerCase(Locale.ROOT)).append(", ").append(child.kind()).append(" of ").append(child.owner())
        .append(" by ").append(child.ownerKey()).append("): carries the owner's tenant columns\n");
    for (String c : columns) {
      sql.append("alter table ").append(t).append(" add column if not exists ").append(c).append(" uuid;\n");
    }
    String into = String.join(", ", columns.stream().map(c -> "new." + c).toList());
    String from = String.join(", ", columns.stream().map(c -> "o." + c).toList());
    sql.append("create or replace function ").append(fn).append("() returns trigger language plpgsql as $$\n")
        .append("begin\n")
        .append("  -- under the caller's row-level security: an owner it cannot see stamps null, and the row is refused\n")
        .append("  select ").append(from).append(" into ").append(into).append(" from ").append(o)
        .append(" o where o.id = new.").append(key).append(";\n")
        .append("  return new;\nend\n$$;\n")
        .append("drop trigger if exists tenantry_stamp on ").append(t).append(";\n")
        .append("create trigger tenantry_stamp before insert or update of ").append(key).append(", ")
        .append(String.join(", ", columns)).append(" on ").append(t)
        .append(" for each row execute function ").append(fn).append("();\n");
    // Existing rows are filled in as the migration's owner, for whom the owner's forced policies show
    // no row: lifted for this statement only, inside the migration's transaction.
    String differs = String.join(" or ", columns.stream().map(c -> "c." + c + " is distinct from o." + c).toList());
    sql.append("alter table ").append(o).append(" no force row level security;\n")
        .append("update ").append(t).append(" c set ")
        .append(String.join(", ", columns.stream().map(c -> c + " = o." + c).toList()))
        .append(" from ").append(o).append(" o where o.id = c.").append(key).append(" and (").append(differs).append(");\n")
        .append("alter table ").append(o).append(" force row level security;\n");
    for (String c : columns) {
      if (c.equals("company_id") || level != TenantTableLevel.HIERARCHICAL) {
        sql.append("alter table ").append(t).append(" alter column ").append(c).append(" set not null;\n");
      }
    }
    // keys that ignore the company: foreign keys dropped (replaced below), primary and unique keys widened
    sql.append("do $$\ndeclare\n  k record;\nbegin\n")
        .append("  for k in select con.conname, con.contype,\n")
        .append("      array(select quote_ident(a.attname) from unnest(con.conkey) with ordinality u(n, i)\n")
        .append("        join pg_attribute a on a.attrelid = con.conrelid and a.attnum = u.n order by u.i) as cols\n")
        .append("    from pg_constraint con\n")
        .append("    where con.conrelid = '").append(t).append("'::regclass\n")
        .append("      and not exists (select 1 from unnest(con.conkey) u(n) join pg_attribute a\n")
        .append("        on a.attrelid = con.conrelid and a.attnum = u.n where a.attname = 'company_id')\n")
        .append("      and ((con.contype = 'f' and con.confrelid in ('").append(o).append("'::regclass");
    if (child.element() != null) {
      sql.append(", '").append(identifier(child.element())).append("'::regclass");
    }
    sql.append("))\n")
        .append("        or (con.contype in ('p', 'u') and not (con.contype = 'p' and con.conkey = array[(select a.attnum\n")
        .append("          from pg_attribute a where a.attrelid = con.conrelid and a.attname = 'id')])))\n")
        .append("  loop\n")
        .append("    if k.contype = 'f' then\n")
        .append("      execute format('alter table ").append(t).append(" drop constraint %I', k.conname);\n")
        .append("    else\n")
        .append("      execute format('alter table ").append(t).append(" drop constraint %I, add constraint %I %s (company_id, %s)',\n")
        .append("        k.conname, k.conname, case k.contype when 'p' then 'primary key' else 'unique' end,\n")
        .append("        array_to_string(k.cols, ', '));\n")
        .append("    end if;\n  end loop;\nend\n$$;\n");
    sql.append("alter table ").append(t).append(" drop constraint if exists ").append(bare).append("_tenantry_owner_fk;\n")
        .append("alter table ").append(t).append(" add constraint ").append(bare)
        .append("_tenantry_owner_fk foreign key (company_id, ").append(key).append(") references ").append(o)
        .append(" (company_id, id);\n");
    if (child.element() != null) {
      sql.append("alter table ").append(t).append(" drop constraint if exists ").append(bare).append("_tenantry_element_fk;\n")
          .append("alter table ").append(t).append(" add constraint ").append(bare)
          .append("_tenantry_element_fk foreign key (company_id, ").append(identifier(child.elementKey()))
          .append(") references ").append(identifier(child.element())).append(" (company_id, id);\n");
    }
    sql.append("create index if not exists ").append(bare).append("_tenantry_idx on ").append(t)
        .append(" (company_id, ").append(key).append(");\n");
    String policies = ddl(child.table(), level.name().toLowerCase(Locale.ROOT), condition(level, systemRole));
    return sql.append(policies.substring(policies.indexOf('\n') + 1)).toString();
  }

  static java.util.List<String> tenantColumns(TenantTableLevel level) {
    switch (level) {
      case STORE:
        return java.util.List.of("company_id", "store_id");
      case REGISTER:
      case HIERARCHICAL:
        return java.util.List.of("company_id", "store_id", "register_id");
      default:
        return java.util.List.of("company_id");
    }
  }

  private static String bareName(String table) {
    return table.substring(table.indexOf('.') + 1);
  }

  /**
   * The DDL for Tenantry's login table ({@code tenantry_user_account}): global, because one person
   * may belong to several companies, yet a tenant must not read other companies' logins. A tenant
   * reads a login only through one of its memberships (the membership table's own policy decides
   * which) and may add one (its membership follows in the same transaction); changing or deleting a
   * login — which may belong to another company's member too — is left to the system login. The
   * login lookup itself, before any tenant is known, is system access. Password hashes are a matter
   * of column privileges: grant the application role {@code select (id, email)} only.
   */
  public static String forUserAccounts(String table, String membershipTable, String systemRole) {
    String t = identifier(table);
    String system = systemRole == null ? null : "current_user = " + literal(systemRole);
    String member = "(exists (select 1 from " + identifier(membershipTable) + " m where m.user_id = " + t + ".id))";
    String bound = "(" + RlsSettings.COMPANY_EXPR + " is not null)";
    String using = system == null ? member : "(" + member + " or " + system + ")";
    String check = system == null ? bound : "(" + bound + " or " + system + ")";
    StringBuilder sql = new StringBuilder("-- " + table + " (logins: read through a visible membership, added by a "
        + "bound tenant, changed only by the system login)\n")
        .append("alter table ").append(t).append(" enable row level security;\n")
        .append("alter table ").append(t).append(" force row level security;\n")
        .append("drop policy if exists ").append(PERMISSIVE).append(" on ").append(t).append(";\n")
        .append("create policy ").append(PERMISSIVE).append(" on ").append(t).append(" as permissive for select to public\n")
        .append("  using ").append(using).append(";\n")
        .append("drop policy if exists ").append(USER_INSERT).append(" on ").append(t).append(";\n")
        .append("create policy ").append(USER_INSERT).append(" on ").append(t).append(" as permissive for insert to public\n")
        .append("  with check ").append(check).append(";\n")
        .append("drop policy if exists ").append(SYSTEM).append(" on ").append(t).append(";\n");
    if (system != null) {
      sql.append("create policy ").append(SYSTEM).append(" on ").append(t).append(" as permissive for all to public\n")
          .append("  using (").append(system).append(")\n  with check (").append(system).append(");\n");
    }
    return sql.append("drop policy if exists ").append(RESTRICTIVE).append(" on ").append(t).append(";\n")
        .append("create policy ").append(RESTRICTIVE).append(" on ").append(t).append(" as restrictive for all to public\n")
        .append("  using ").append(using).append("\n  with check ").append(check).append(";\n").toString();
  }

  private static String ddl(String table, String what, String cond) {
    String t = identifier(table);
    return "-- " + table + " (" + what + ")\n"
        + "alter table " + t + " enable row level security;\n"
        + "alter table " + t + " force row level security;\n"
        + "drop policy if exists " + PERMISSIVE + " on " + t + ";\n"
        + "create policy " + PERMISSIVE + " on " + t + " as permissive for all to public\n"
        + "  using " + cond + "\n  with check (true);\n"
        + "drop policy if exists " + RESTRICTIVE + " on " + t + ";\n"
        + "create policy " + RESTRICTIVE + " on " + t + " as restrictive for all to public\n"
        + "  using " + cond + "\n  with check " + cond + ";\n";
  }

  static String identifier(String name) {
    if (!name.matches("[a-z_][a-z0-9_$]*(\\.[a-z_][a-z0-9_$]*)?")) {
      throw new IllegalArgumentException("Unsupported table name '" + name
          + "': use lower-case unquoted identifiers (optionally schema-qualified)");
    }
    return name;
  }

  static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
