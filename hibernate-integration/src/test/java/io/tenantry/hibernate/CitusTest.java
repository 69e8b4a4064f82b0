package io.tenantry.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantry.hibernate.fixture.Resources;
import io.tenantry.hibernate.rls.AuditFinding;
import io.tenantry.hibernate.rls.AuditReport;
import io.tenantry.hibernate.rls.CitusReadiness;
import io.tenantry.hibernate.rls.CitusSql;
import io.tenantry.test.TenantryMigrations;
import io.tenantry.test.TenantryPostgres;
import io.tenantry.test.TestDatabase;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Part A of scale-out, as far as it can be tested without Citus: the generated Citus DDL's shape and order, and the
 * Citus-readiness rules on real schemas (every library migration, whose tables are ready, with the fixture's tables,
 * whose {@code (id)} primary keys are blockers; and a schema built to be distributable, to which blockers are added
 * one by one).
 */
@TenantryPostgres
class CitusTest {

  static final Pattern STATEMENT = Pattern.compile(
      "select create_(reference|distributed)_table\\('([a-z_0-9]+)'(?:, '(id|company_id)'"
          + "(?:, colocate_with => '([a-z_0-9]+)')?)?\\);");

  static TestDatabase db;
  static SessionFactory sf;

  @BeforeAll
  static void setUp(TestDatabase database) {
    db = database;
    TenantryMigrations.migrate(db.adminDataSource());
    db.execute(Resources.text("fixture-schema.sql"));
    db.execute(Resources.text("fixture-joined-schema.sql"));
    sf = TwoCompanies.sessionFactory(db.appRole().dataSource(), Map.of());
  }

  @AfterAll
  static void close() {
    sf.close();
  }

  @Test
  void theDdlDistributesEveryTenantTableByCompanyColocatedAndReplicatesGlobalTables() {
    String ddl = CitusSql.forMapping(sf);
    List<String> statements = Arrays.stream(ddl.split("\n")).filter(l -> !l.isBlank() && !l.startsWith("--")).toList();
    statements.forEach(s -> assertThat(s).matches(STATEMENT));
    List<String> tables = statements.stream().map(CitusTest::table).toList();
    assertThat(tables).doesNotHaveDuplicates()
        .contains("tenantry_company", "tenantry_store", "tenantry_register", "tenantry_membership", "tenantry_setting",
            "tenantry_user_account", "t_product", "t_price_override", "t_promotion", "t_sale", "t_payment",
            "t_card_payment");
    assertThat(ddl).contains("select create_reference_table('tenantry_user_account');")
        .contains("select create_distributed_table('tenantry_company', 'id');")
        .contains("select create_distributed_table('t_sale', 'company_id', colocate_with => 'tenantry_company');")
        .contains("-- t_card_payment holds rows of t_payment but no company_id");
    for (String s : statements) {
      Matcher m = STATEMENT.matcher(s);
      assertThat(m.matches()).isTrue();
      if (m.group(1).equals("distributed") && !m.group(2).equals("tenantry_company")) {
        assertThat(m.group(3)).as(s).isEqualTo("company_id");
        assertThat(m.group(4)).as(s).isEqualTo("tenantry_company");
      }
    }
    // every reference table comes first; each distributed table after the tables it references
    assertThat(tables.indexOf("tenantry_user_account")).isLessThan(tables.indexOf("tenantry_company"));
    assertThat(tables.indexOf("tenantry_company")).isLessThan(tables.indexOf("tenantry_store"));
    assertThat(tables.indexOf("tenantry_store")).isLessThan(tables.indexOf("tenantry_register"));
    assertThat(tables.indexOf("t_sale")).isGreaterThan(tables.indexOf("tenantry_register"))
        .isGreaterThan(tables.indexOf("t_product"));
    assertThat(tables.indexOf("t_promotion")).isGreaterThan(tables.indexOf("t_price_override"));
    assertThat(tables.indexOf("t_card_payment")).isGreaterThan(tables.indexOf("t_payment"));
    assertThat(CitusSql.forMapping(sf)).isEqualTo(ddl);
  }

  @Test
  void theFixtureSchemaIsNotReadyAndEveryBlockerIsNamedWithItsFix() {
    AuditReport report = CitusReadiness.of(db.adminDataSource()).run();
    assertThat(report.tenantTables()).contains("tenantry_company", "t_product", "t_sale")
        .doesNotContain("tenantry_user_account", "t_card_payment");
    // the (id) primary key of the fixture's tenant tables; the library's are keyed by (company_id, id) since V0_2_1
    for (String table : List.of("t_product", "t_sale")) {
      assertThat(report.findings()).anySatisfy(f -> {
        assertThat(f.object()).isEqualTo("public." + table);
        assertThat(f.problem()).startsWith("primary key").contains("[id]").contains("company_id");
        assertThat(f.fix()).contains("add primary key (company_id, id)");
      });
    }
    for (String table : List.of("tenantry_company", "tenantry_store", "tenantry_register", "tenantry_membership",
        "tenantry_membership_store", "tenantry_setting")) {
      assertThat(report.findings()).noneMatch(f -> f.object().equals("public." + table));
    }
    assertThat(report.findings()).anySatisfy(f -> {
      assertThat(f.object()).isEqualTo("public.t_card_payment");
      assertThat(f.problem()).contains("holds rows of tenant table t_payment");
    });
    // unique constraints and foreign keys that include company_id are not blockers
    assertThat(report.findings()).noneMatch(f -> f.problem().contains("_company_id_key")
        || f.problem().contains("t_sale_product_fk"));
    assertThat(report.warnings()).anySatisfy(w -> {
      assertThat(w.object()).isEqualTo("public.tenantry_user_account");
      assertThat(w.problem()).contains("[email]");
    });
  }

  @Test
  void aDistributableSchemaIsCleanAndEachKindOfBlockerIsFound() {
    db.execute("create schema citus_ready;"
        + " create table citus_ready.tenantry_company (id uuid primary key, name text not null);"
        + " create table citus_ready.account (id uuid primary key, email text not null unique);"
        + " create table citus_ready.product (company_id uuid not null references citus_ready.tenantry_company (id),"
        + "   id uuid not null, sku text not null, primary key (company_id, id), unique (company_id, sku));"
        + " create table citus_ready.sale_line (company_id uuid not null, id uuid not null, product_id uuid not null,"
        + "   account_id uuid references citus_ready.account (id), primary key (company_id, id),"
        + "   foreign key (company_id, product_id) references citus_ready.product (company_id, id))");
    CitusReadiness readiness = CitusReadiness.of(db.adminDataSource()).schema("citus_ready");
    AuditReport clean = readiness.run();
    assertThat(clean.findings()).isEmpty();
    assertThat(clean.tenantTables()).containsExactly("product", "sale_line", "tenantry_company");

    db.execute("create unique index product_sku_global on citus_ready.product (sku)");
    assertThat(only(readiness.run())).satisfies(f -> {
      assertThat(f.problem()).startsWith("unique index product_sku_global [sku]");
      assertThat(f.fix()).contains("create unique index on citus_ready.product (company_id, sku)");
    });
    db.execute("drop index citus_ready.product_sku_global;"
        + " alter table citus_ready.sale_line add column other_company uuid,"
        + " add foreign key (other_company, product_id) references citus_ready.product (company_id, id)");
    assertThat(only(readiness.run()).problem()).contains("does not pair company_id with company_id");
    db.execute("alter table citus_ready.sale_line drop column other_company;"
        + " alter table citus_ready.account add column product_company uuid, add column product_id uuid,"
        + " add foreign key (product_company, product_id) references citus_ready.product (company_id, id)");
    assertThat(only(readiness.run()).problem()).contains("from a table without company_id (a reference table)");
  }

  private static AuditFinding only(AuditReport report) {
    assertThat(report.findings()).hasSize(1);
    return report.findings().get(0);
  }

  private static String table(String statement) {
    Matcher m = STATEMENT.matcher(statement);
    return m.matches() ? m.group(2) : statement;
  }
}
