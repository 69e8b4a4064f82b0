package io.tenantry.hibernate.rls;

import java.util.Locale;

/**
 * Generates the row-level security DDL of one tenant table: ENABLE and FORCE, a permissive policy
 * granting the tenant's rows and a restrictive {@code FOR ALL ... USING ... WITH CHECK} policy with
 * the same condition, so that no permissive policy added later can widen access. Fails closed: an
 * unset or empty setting matches no row. Idempotent (drop if exists, create), so it fits a Flyway
 * migration that is re-run after schema changes.
 */
public final class PolicySql {

  /** Name of the permissive policy. */
  public static final String PERMISSIVE = "tenantry_tenant";
  /** Name of the restrictive policy. */
  public static final String RESTRICTIVE = "tenantry_tenant_guard";

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
   * microseconds each, twice per insert: the permissive and the restrictive policy's WITH CHECK are
   * checked separately; benchmarks/README.md, finding 2). Hence the visible stores (with "all stores" folded in) and the register are
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

  private static String ddl(String table, String what, String cond) {
    String t = identifier(table);
    return "-- " + table + " (" + what + ")\n"
        + "alter table " + t + " enable row level security;\n"
        + "alter table " + t + " force row level security;\n"
        + "drop policy if exists " + PERMISSIVE + " on " + t + ";\n"
        + "create policy " + PERMISSIVE + " on " + t + " as permissive for all to public\n"
        + "  using " + cond + "\n  with check " + cond + ";\n"
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
