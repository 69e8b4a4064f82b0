package io.tenantry.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantry.core.TenantIsolationException;
import io.tenantry.test.TenantryPostgres;
import io.tenantry.test.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.hibernate.Session;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;

/**
 * Bulk HQL that tries to move rows between tenants (THREATS 4, 7), and the schema's own refusals
 * (THREATS 14): a foreign key into another company and a duplicate SKU within a company are
 * refused by PostgreSQL itself, while the same SKU in two companies is fine.
 */
@TenantryPostgres
class BulkAndSchemaTest {

  @RegisterExtension
  static final TwoCompaniesExtension seeded = TwoCompaniesExtension.plain();

  static TwoCompanies w;
  static TestDatabase db;

  @BeforeAll
  static void world(TestDatabase database) {
    db = database;
    w = seeded.seed(database);
  }

  static String query(String sql) {
    try (Connection c = db.adminDataSource().getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static void executeAsApp(String sql) throws SQLException {
    try (Connection c = db.appRole().dataSource().getConnection(); Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  @Test
  void bulkUpdate_assigningStoreOrCompany_isRefused_andNothingMoves() {
    assertThatThrownBy(() -> w.run(w.storeA1(), (Session s) ->
        s.createMutationQuery("update PriceOverride set storeId = :s").setParameter("s", w.a3()).executeUpdate()))
        .isInstanceOf(TenantIsolationException.class).hasMessageContaining("store_id");
    assertThatThrownBy(() -> w.run(w.storeA1(), (Session s) ->
        s.createMutationQuery("update Product set companyId = :c, name = 'moved'").setParameter("c", w.b()).executeUpdate()))
        .isInstanceOf(TenantIsolationException.class).hasMessageContaining("company_id");
    assertThat(query("select store_id from t_price_override where id = '" + w.overrideA1() + "'")).isEqualTo(w.a1().toString());
    assertThat(query("select company_id from t_product where id = '" + w.productA() + "'")).isEqualTo(w.a().toString());
    assertThat(query("select count(*) from t_product where name = 'moved'")).isEqualTo("0");
  }

  @Test
  void bulkUpdate_ofOrdinaryColumns_stillWorks() {
    int n = w.in(w.storeA1(), (Session s) -> s.createMutationQuery("update PriceOverride set price = price")
        .executeUpdate());
    assertThat(n).isEqualTo(1);
  }

  @Test
  void schema_foreignKeyIntoAnotherCompany_isRefusedByTheDatabase() {
    // an override of company A pointing at company B's product
    assertThatThrownBy(() -> executeAsApp("insert into t_price_override (id, company_id, store_id, product_id, price) "
        + "values ('" + UUID.randomUUID() + "', '" + w.a() + "', '" + w.a1() + "', '" + w.productB() + "', 1.00)"))
        .isInstanceOf(SQLException.class).hasMessageContaining("t_price_override_product_fk");
    // a register of company A in company B's store
    assertThatThrownBy(() -> executeAsApp("insert into tenantry_register (id, company_id, store_id, name) values ('"
        + UUID.randomUUID() + "', '" + w.a() + "', '" + w.b1() + "', 'sneaky')"))
        .isInstanceOf(SQLException.class).hasMessageContaining("tenantry_register_store_fk");
    // a sale naming a register of another store of the same company
    assertThatThrownBy(() -> executeAsApp("insert into t_sale (id, company_id, store_id, register_id, product_id, total) "
        + "values ('" + UUID.randomUUID() + "', '" + w.a() + "', '" + w.a1() + "', '" + w.r2() + "', '" + w.productA() + "', 1)"))
        .isInstanceOf(SQLException.class).hasMessageContaining("t_sale_register_fk");
  }

  @Test
  void schema_skuIsUniquePerCompany_notGlobally() {
    assertThat(query("select count(*) from t_product where sku = 'SKU-1'")).as("same SKU in A and B").isEqualTo("2");
    assertThatThrownBy(() -> w.run(w.ownerA(), (Session s) ->
        TwoCompanies.persist(s, new io.tenantry.hibernate.fixture.Product("SKU-1", "dup", BigDecimal.ONE))))
        .hasRootCauseInstanceOf(SQLException.class)
        .rootCause().hasMessageContaining("t_product_sku_key");
  }

  @Test
  void schema_noStoreWithoutCompany_noRegisterWithoutStore_cascades() throws SQLException {
    assertThatThrownBy(() -> executeAsApp("insert into tenantry_store (id, company_id, name, timezone) values ('"
        + UUID.randomUUID() + "', '" + UUID.randomUUID() + "', 'orphan', 'UTC')")).isInstanceOf(SQLException.class);
    assertThatThrownBy(() -> executeAsApp("insert into tenantry_register (id, company_id, store_id, name) values ('"
        + UUID.randomUUID() + "', '" + w.a() + "', '" + UUID.randomUUID() + "', 'orphan')")).isInstanceOf(SQLException.class);
    // deleting a store deletes its registers (A3 has none with sales) — run on a fresh store
    UUID store = UUID.randomUUID();
    UUID register = UUID.randomUUID();
    executeAsApp("insert into tenantry_store (id, company_id, name, timezone) values ('" + store + "', '" + w.a() + "', 'tmp', 'UTC')");
    executeAsApp("insert into tenantry_register (id, company_id, store_id, name) values ('" + register + "', '" + w.a()
        + "', '" + store + "', 'tmp')");
    executeAsApp("delete from tenantry_store where id = '" + store + "'");
    assertThat(query("select count(*) from tenantry_register where id = '" + register + "'")).isEqualTo("0");
  }
}
