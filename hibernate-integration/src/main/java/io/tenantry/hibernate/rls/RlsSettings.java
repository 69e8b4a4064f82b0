package io.tenantry.hibernate.rls;

/**
 * The PostgreSQL settings that carry the bound tenant into every transaction, and the SQL
 * expressions that policies use to read them. Always transaction-local; empty when nothing is bound,
 * and every expression treats empty as "no tenant" so a policy matches no row.
 */
public final class RlsSettings {

  /** The bound company id. */
  public static final String COMPANY = "tenantry.company_id";
  /** The visible store ids, comma-separated: the selected store, else the granted stores. */
  public static final String STORES = "tenantry.store_ids";
  /** {@code on} when every store of the company is visible (all granted, none selected). */
  public static final String ALL_STORES = "tenantry.all_stores";
  /** The bound register id, empty when none is bound. */
  public static final String REGISTER = "tenantry.register_id";

  /** The bound company, read once per statement through a sub-select so indexes are used. */
  static final String COMPANY_EXPR =
      "(select nullif(current_setting('" + COMPANY + "', true), '')::uuid)";
  /**
   * The visible stores as a {@code uuid[]}, for {@code column = any (coalesce(<this>, array[column]))}:
   * {@code null} when every store of the company is visible ({@link #ALL_STORES} is {@code on}),
   * else the listed stores, and an empty array when none are listed or the setting is unset (fails
   * closed). Both settings are read in one sub-select, so PostgreSQL evaluates them once per statement
   * (one InitPlan per table, where a separate sub-select for {@link #ALL_STORES} cost a second one).
   * The conversion to {@code uuid[]} happens inside the sub-select: with the cast outside it,
   * PostgreSQL converted the text array on every row the policy checked.
   */
  static final String VISIBLE_STORES_EXPR = "(select case when current_setting('" + ALL_STORES
      + "', true) = 'on' then null else string_to_array(coalesce(current_setting('" + STORES
      + "', true), ''), ',')::uuid[] end)";
  /** The bound register, {@code null} when none is bound. */
  static final String REGISTER_EXPR =
      "(select nullif(current_setting('" + REGISTER + "', true), '')::uuid)";

  /** Sets all four settings, transaction-locally, from bound parameters. */
  static final String APPLY_SQL = "select set_config('" + COMPANY + "', ?, true), set_config('" + STORES
      + "', ?, true), set_config('" + ALL_STORES + "', ?, true), set_config('" + REGISTER + "', ?, true)";

  /** Statement texts with {@link #APPLY_SQL} in front ({@link PiggybackablePrepare#withSettings}). */
  static final TextCache<String> WITH_SETTINGS = new TextCache<>();

  private RlsSettings() {}
}
