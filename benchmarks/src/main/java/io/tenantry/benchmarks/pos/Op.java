package io.tenantry.benchmarks.pos;

/** The typical point-of-sale work every variant runs. */
public enum Op {
  /** A store's catalog page with effective prices: product left join the store's price override, 50 rows. */
  CATALOG_PAGE("catalog page (50 rows, store prices)", "catalog_page"),
  /** A sale by id with its lines, as a cashier of its store reprints a receipt. */
  SALE_BY_ID("sale by id with its 5 lines", "sale_by_id"),
  /** The owner's sales report: count and sum per store over 30 days. */
  SALES_REPORT("sales report (30 days, per store)", "sales_report"),
  /** A register records a sale with 3 lines. */
  INSERT_SALE("insert a sale with 3 lines", "insert_sale");

  public final String description;
  public final String key;

  Op(String description, String key) {
    this.description = description;
    this.key = key;
  }
}
