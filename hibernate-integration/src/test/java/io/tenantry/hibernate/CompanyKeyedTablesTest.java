package io.tenantry.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantry.core.TenantContext;
import io.tenantry.core.model.Register;
import io.tenantry.core.model.Store;
import io.tenantry.hibernate.fixture.Product;
import io.tenantry.hibernate.rls.TenantryRls;
import io.tenantry.test.TenantryPostgres;
import io.tenantry.test.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.resource.jdbc.spi.StatementInspector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tables keyed by {@code (company_id, id)} in the database while the entities keep {@code @Id id} (issue 24, the road
 * to Citus): the library's hierarchy as migrated by V0_2_1, and the fixture's catalog re-keyed the same way. Both
 * walls are up. {@code find(Class, id)} keeps working, its SQL names the company (so it reads the primary key index,
 * and on Citus one shard), and even a row of another company that shares the id — which the new keys allow and
 * generated UUIDs never produce — is neither found, nor served from the second-level cache, nor changed, nor deleted:
 * Tenantry's loads, updates and deletes by id all carry {@code company_id = ?}.
 */
@TenantryPostgres
class CompanyKeyedTablesTest {

  @RegisterExtension
  static final TwoCompaniesExtension seeded = TwoCompaniesExtension.withRls();

  static TwoCompanies w;
  static TestDatabase db;
  static final List<String> statements = new ArrayList<>();
  static SessionFactory recorded;

  @BeforeAll
  static void world(TestDatabase database) {
    db = database;
    w = seeded.seed(database);
    // the fixture's catalog re-keyed as an application re-keys its own tables: with the library's function
    // (V0_2_1), twice to show it is idempotent
    db.execute("select tenantry_key_by_company('t_product'); select tenantry_key_by_company('t_product')");
    StatementInspector recorder = sql -> {
      synchronized (statements) {
        statements.add(sql);
      }
      return sql;
    };
    // a second factory on the same walls that records the SQL Hibernate sends
    recorded = TwoCompanies.sessionFactory(TenantryRls.dataSource(db.appRole().dataSource()),
        Map.of(AvailableSettings.STATEMENT_INSPECTOR, recorder));
  }

  @AfterAll
  static void close() {
    if (recorded != null) {
      recorded.close();
    }
  }

  static List<String> column(String sql, String... before) {
    List<String> out = new ArrayList<>();
    try (Connection c = db.adminDataSource().getConnection(); Statement st = c.createStatement()) {
      for (String setting : before) {
        st.execute(setting);
      }
      try (ResultSet rs = st.executeQuery(sql)) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  @Test
  void everyHierarchyTableIsKeyedByCompanyAndKeepsNoSecondKeyOnTheSameColumns() {
    assertThat(column("select c.relname || ' ' || pg_get_constraintdef(k.oid) from pg_constraint k join pg_class c"
        + " on c.oid = k.conrelid where k.contype = 'p' and c.relname like 'tenantry_%' order by 1"))
        .containsExactly("tenantry_company PRIMARY KEY (id)",
            "tenantry_membership PRIMARY KEY (company_id, id)",
            "tenantry_membership_store PRIMARY KEY (company_id, id)",
            "tenantry_register PRIMARY KEY (company_id, id)",
            "tenantry_setting PRIMARY KEY (company_id, id)",
            "tenantry_store PRIMARY KEY (company_id, id)",
            "tenantry_user_account PRIMARY KEY (id)");
    assertThat(column("select conname from pg_constraint where contype = 'u' and conname like 'tenantry_%company_id_key'"))
        .isEmpty();
    // the foreign keys that pointed at unique (company_id, id) now point at the primary key, still with the company
    assertThat(column("select pg_get_constraintdef(oid) from pg_constraint where conname = 'tenantry_register_store_fk'"))
        .containsExactly("FOREIGN KEY (company_id, store_id) REFERENCES tenantry_store(company_id, id) ON DELETE CASCADE");
  }

  @Test
  void theLibrarysFunctionRekeysAnApplicationTable_andRefusesAForeignKeyIntoIdAlone() {
    assertThat(column("select pg_get_constraintdef(oid) from pg_constraint where conname = 't_product_pkey'"))
        .containsExactly("PRIMARY KEY (company_id, id)");
    assertThat(column("select conname from pg_constraint where conname = 't_product_company_id_key'")).isEmpty();
    assertThat(column("select pg_get_constraintdef(oid) from pg_constraint where conname = 't_sale_product_fk'"))
        .containsExactly("FOREIGN KEY (company_id, product_id) REFERENCES t_product(company_id, id)");

    db.execute("create table t_keyed_parent (id uuid primary key, company_id uuid not null);"
        + " create table t_keyed_child (id uuid primary key, parent_id uuid references t_keyed_parent (id))");
    try {
      assertThatThrownBy(() -> db.execute("select tenantry_key_by_company('t_keyed_parent')"))
          .hasMessageContaining("references t_keyed_parent(id) alone")
          .hasMessageContaining("Point it at (company_id, id) first");
      assertThat(column("select pg_get_constraintdef(oid) from pg_constraint where conname = 't_keyed_parent_pkey'"))
          .as("nothing changed").containsExactly("PRIMARY KEY (id)");
    } finally {
      db.execute("drop table t_keyed_child; drop table t_keyed_parent");
    }
  }

  @Test
  void findByIdKeepsWorkingAndNamesTheCompany() {
    synchronized (statements) {
      statements.clear();
    }
    assertThat(w.with(recorded).in(TenantContext.ofCompany(w.a()), (Session s) -> s.find(Store.class, w.a1()))).isNotNull();
    assertThat(w.with(recorded).in(TenantContext.ofCompany(w.a()), (Session s) -> s.find(Register.class, w.r1()))).isNotNull();
    assertThat(w.with(recorded).in(TenantContext.ofCompany(w.a()), (Session s) -> s.find(Product.class, w.productA())))
        .isNotNull();
    assertThat(w.with(recorded).in(TenantContext.ofCompany(w.a()), (Session s) -> s.find(Store.class, w.b1()))).isNull();
    assertThat(w.with(recorded).in(TenantContext.ofCompany(w.b()), (Session s) -> s.find(Product.class, w.productA()))).isNull();
    List<String> loads;
    synchronized (statements) {
      loads = statements.stream().filter(q -> q.contains("from tenantry_store") || q.contains("from tenantry_register")
          || q.contains("from t_product")).toList();
    }
    assertThat(loads).hasSizeGreaterThanOrEqualTo(5).allSatisfy(q -> assertThat(q).contains("company_id=?"));
    // the primary key (company_id, id) serves such a load
    assertThat(String.join("\n", column("explain select * from t_product where id = '" + w.productA()
        + "' and company_id = '" + w.a() + "'", "set enable_seqscan = off"))).contains("t_product_pkey");
  }

  @Test
  void aRowOfAnotherCompanyWithTheSameIdIsNeitherFoundNorCachedNorChanged() {
    // company B gets a row with A's product id: possible now that the key is (company_id, id)
    db.execute("insert into t_product (id, company_id, sku, name, base_price) values ('" + w.productA() + "', '"
        + w.b() + "', 'TWIN', 'B twin', 1.00)");
    try {
      // A reads (and caches) its product; B then finds its own row under the same id, not A's cached one
      assertThat(w.in(TenantContext.ofCompany(w.a()), (Session s) -> s.find(Product.class, w.productA()).getSku()))
          .isNotEqualTo("TWIN");
      assertThat(w.in(TenantContext.ofCompany(w.b()), (Session s) -> s.find(Product.class, w.productA()).getName()))
          .isEqualTo("B twin");
      assertThat(w.in(TenantContext.ofCompany(w.a()), (Session s) -> s.find(Product.class, w.productA()).getName()))
          .isNotEqualTo("B twin");
      assertThat(w.in(TenantContext.ofCompany(w.b()), (Session s) -> s.createSelectionQuery("from Product where id = :id",
          Product.class).setParameter("id", w.productA()).getResultList())).extracting(Product::getSku)
          .containsExactly("TWIN");
      // B renames its row: A's row under the same id is untouched
      synchronized (statements) {
        statements.clear();
      }
      w.with(recorded).run(TenantContext.ofCompany(w.b()),
          (Session s) -> s.find(Product.class, w.productA()).setName("renamed by B"));
      synchronized (statements) {
        assertThat(statements).filteredOn(q -> q.startsWith("update t_product")).singleElement().asString()
            .endsWith("where id=? and company_id=?");
      }
      assertThat(column("select company_id || ' ' || name from t_product where id = '" + w.productA() + "' order by 1"))
          .containsExactlyInAnyOrder(w.a() + " " + w.in(TenantContext.ofCompany(w.a()),
              (Session s) -> s.find(Product.class, w.productA()).getName()), w.b() + " renamed by B");
      assertThat(column("select name from t_product where id = '" + w.productA() + "' and company_id = '" + w.a() + "'"))
          .doesNotContain("renamed by B");
      // B deletes its row: A's row stays
      w.with(recorded).run(TenantContext.ofCompany(w.b()),
          (Session s) -> s.remove(s.find(Product.class, w.productA())));
      synchronized (statements) {
        assertThat(statements).filteredOn(q -> q.startsWith("delete from t_product")).singleElement().asString()
            .contains("company_id=?");
      }
      assertThat(column("select company_id from t_product where id = '" + w.productA() + "'"))
          .containsExactly(w.a().toString());
      assertThat(w.in(TenantContext.ofCompany(w.a()), (Session s) -> s.find(Product.class, w.productA()))).isNotNull();
    } finally {
      db.execute("delete from t_product where company_id = '" + w.b() + "' and sku = 'TWIN'");
    }
  }

  @Test
  void registersAndStoresReadThroughTheirCompanyOnly() {
    long seenByA = w.in(TenantContext.ofCompany(w.a()), (Session s) -> s.createSelectionQuery(
        "select count(*) from Register", Long.class).getSingleResult());
    long all = Long.parseLong(column("select count(*) from tenantry_register").get(0));
    long ofA = Long.parseLong(column("select count(*) from tenantry_register where company_id = '" + w.a() + "'")
        .get(0));
    assertThat(seenByA).isEqualTo(ofA).isLessThan(all);
    assertThat(w.in(TenantContext.ofCompany(w.b()), (Session s) -> s.createSelectionQuery("from Store", Store.class)
        .getResultList())).extracting(Store::getId).containsExactly(w.b1());
  }
}
