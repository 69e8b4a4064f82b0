package io.tenantry.benchmarks.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * Loads a data set as the table owner, into a database that has the library's migrations (BenchServer applies them),
 * with {@code insert ... select generate_series}, in chunks of
 * companies so that it can print progress, then adds keys, indexes and foreign keys, and analyzes.
 */
final class DataLoader {

  /**
   * Everything that decides the loaded data; part of the fingerprint that allows reuse. Rows are
   * inserted in company order, so each company's rows sit together in both data sets (as after a
   * CLUSTER on the company index): the scale comparison then varies the number of tenants only, not
   * how scattered one tenant's rows are.
   */
  static final List<String> TABLE_SQL = List.of(
      "insert into tenantry_company (id, name)"
          + " select md5('c:' || c)::uuid, 'Company ' || c from generate_series(?, ?) c",
      "insert into tenantry_store (id, company_id, name, timezone)"
          + " select md5('s:' || c || ':' || s)::uuid, md5('c:' || c)::uuid, 'Store ' || s, 'America/Chicago'"
          + " from generate_series(?, ?) c, generate_series(1, :stores) s",
      "insert into tenantry_register (id, company_id, store_id, name)"
          + " select md5('r:' || c || ':' || s || ':' || r)::uuid, md5('c:' || c)::uuid,"
          + " md5('s:' || c || ':' || s)::uuid, 'Register ' || r"
          + " from generate_series(?, ?) c, generate_series(1, :stores) s, generate_series(1, :registers) r",
      "insert into pos_product (id, company_id, sku, name, base_price)"
          + " select md5('p:' || c || ':' || p)::uuid, co.id, 'SKU-' || lpad(p::text, 6, '0'), 'Product ' || p,"
          + " ((p * 37) % 1000 + 99) / 100.0"
          + " from (select c, md5('c:' || c)::uuid id from generate_series(?, ?) c) co, generate_series(1, :products) p"
          + " order by c, p",
      "insert into pos_price_override (id, company_id, store_id, product_id, price)"
          + " select md5('o:' || c || ':' || s || ':' || p)::uuid, co.id, md5('s:' || c || ':' || s)::uuid,"
          + " md5('p:' || c || ':' || p)::uuid, round(((p * 37) % 1000 + 99) / 100.0 * 0.9, 2)"
          + " from (select c, md5('c:' || c)::uuid id from generate_series(?, ?) c) co,"
          + " generate_series(1, :stores) s, generate_series(1, :products) p where (p + s) % 4 = 0 order by c, s, p",
      "insert into pos_sale (id, company_id, store_id, register_id, sold_at, total)"
          + " select md5('x:' || c || ':' || k)::uuid, co.id, md5('s:' || c || ':' || (1 + k % :stores))::uuid,"
          + " md5('r:' || c || ':' || (1 + k % :stores) || ':' || (1 + (k / :stores) % :registers))::uuid,"
          + " timestamptz '2025-01-01 00:00:00+00' + ((k * 7919 + c * 104729) % (:days * 1440)) * interval '1 minute',"
          + " (select sum((1 + (k + j) % 3) * ((((1 + (k * 7 + j * 13) % :products) * 37) % 1000 + 99) / 100.0))"
          + "    from generate_series(1, :lines) j)"
          + " from (select c, md5('c:' || c)::uuid id from generate_series(?, ?) c) co, generate_series(1, :sales) k"
          + " order by c, k",
      "insert into pos_sale_line (id, company_id, store_id, register_id, sale_id, product_id, quantity, unit_price,"
          + " line_total)"
          + " select md5('l:' || c || ':' || k || ':' || j)::uuid, co.id, md5('s:' || c || ':' || (1 + k % :stores))::uuid,"
          + " md5('r:' || c || ':' || (1 + k % :stores) || ':' || (1 + (k / :stores) % :registers))::uuid,"
          + " md5('x:' || c || ':' || k)::uuid, md5('p:' || c || ':' || (1 + (k * 7 + j * 13) % :products))::uuid,"
          + " 1 + (k + j) % 3, (((1 + (k * 7 + j * 13) % :products) * 37) % 1000 + 99) / 100.0,"
          + " (1 + (k + j) % 3) * ((((1 + (k * 7 + j * 13) % :products) * 37) % 1000 + 99) / 100.0)"
          + " from (select c, md5('c:' || c)::uuid id from generate_series(?, ?) c) co,"
          + " generate_series(1, :sales) k, generate_series(1, :lines) j order by c, k, j");

  private static final String[] TABLES = {"tenantry_company", "tenantry_store", "tenantry_register", "pos_product",
      "pos_price_override", "pos_sale", "pos_sale_line"};

  private DataLoader() {}

  static String expand(String sql, Shape shape) {
    return sql.replace(":stores", Integer.toString(shape.storesPerCompany))
        .replace(":registers", Integer.toString(shape.registersPerStore))
        .replace(":products", Integer.toString(shape.productsPerCompany))
        .replace(":sales", Integer.toString(shape.salesPerCompany))
        .replace(":lines", Integer.toString(shape.linesPerSale))
        .replace(":days", Integer.toString(Shape.HISTORY_DAYS));
  }

  static void load(Connection owner, Shape shape, String label) throws SQLException {
    long started = System.nanoTime();
    try (Statement st = owner.createStatement()) {
      st.execute("set maintenance_work_mem = '512MB'");
      st.execute("set synchronous_commit = off");
      st.execute(resource("bench/schema.sql"));
    }
    int chunk = Math.max(1, shape.companies / 20);
    for (int t = 0; t < TABLES.length; t++) {
      String sql = expand(TABLE_SQL.get(t), shape);
      long rows = 0;
      long tableStart = System.nanoTime();
      long lastPrint = tableStart;
      try (PreparedStatement ps = owner.prepareStatement(sql)) {
        for (int from = 1; from <= shape.companies; from += chunk) {
          int to = Math.min(shape.companies, from + chunk - 1);
          ps.setInt(1, from);
          ps.setInt(2, to);
          rows += ps.executeUpdate();
          if (to < shape.companies && System.nanoTime() - lastPrint > 3_000_000_000L) {
            progress(label, TABLES[t], rows, to, shape.companies, tableStart, started);
            lastPrint = System.nanoTime();
          }
        }
      }
      System.out.printf(Locale.ROOT, "  [%s] %-20s %,12d rows  %6.1f s%n", label, TABLES[t], rows, secs(tableStart));
    }
    String[] steps = resource("bench/constraints.sql").split(";\\s*\\n");
    for (int i = 0; i < steps.length; i++) {
      String step = steps[i].replaceAll("(?m)^--.*$", "").trim();
      if (step.isEmpty()) {
        continue;
      }
      long stepStart = System.nanoTime();
      try (Statement st = owner.createStatement()) {
        st.execute(step);
      }
      System.out.printf(Locale.ROOT, "  [%s] keys and indexes %d/%d: %-60.60s %5.1f s%n", label, i + 1, steps.length,
          step.replaceAll("\\s+", " "), secs(stepStart));
    }
    long analyzeStart = System.nanoTime();
    try (Statement st = owner.createStatement()) {
      st.execute("vacuum (analyze) ");
    } catch (SQLException e) {
      // vacuum of tables the owner does not own (catalogs) only warns; analyze what we own
      try (Statement st = owner.createStatement()) {
        st.execute("analyze");
      }
    }
    System.out.printf(Locale.ROOT, "  [%s] vacuum analyze %.1f s; loaded in %.1f s%n", label, secs(analyzeStart),
        secs(started));
  }

  private static void progress(String label, String table, long rows, int companiesDone, int companies, long tableStart,
      long started) {
    System.out.printf(Locale.ROOT, "  [%s] %-20s %,12d rows  companies %,d/%,d (%3d%%)  %6.1f s (total %.0f s)%n",
        label, table, rows, companiesDone, companies, 100L * companiesDone / companies, secs(tableStart), secs(started));
  }

  static double secs(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  static String resource(String name) {
    try (InputStream in = DataLoader.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
