package io.tenantry.hibernate.rls;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import io.tenantry.test.TenantryPostgres;
import io.tenantry.test.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 1,000,000 rows across 1,000 companies, policy in force, queried as the plain application role:
 * the plan uses the {@code (company_id, …)} index because the policy reads the setting through a
 * sub-select (an InitPlan evaluated once), not a seq scan filtered row by row.
 */
@TenantryPostgres
class PolicyIndexUsageTest {

  static DataSource rls;
  static UUID company;

  @BeforeAll
  static void load(TestDatabase db) {
    db.execute("create table t_catalog (id uuid primary key, company_id uuid not null, sku text not null,"
        + " price numeric(12,2) not null, constraint t_catalog_sku_key unique (company_id, sku));"
        + "create temporary table companies as select gen_random_uuid() as id from generate_series(1, 1000);"
        + "insert into t_catalog select gen_random_uuid(), c.id, 'SKU-' || g, g % 100"
        + "  from companies c cross join generate_series(1, 1000) g;"
        + "analyze t_catalog;");
    db.execute(PolicySql.forTable("t_catalog", TenantTableLevel.COMPANY, null));
    try (Connection c = db.adminDataSource().getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select company_id, count(*) from t_catalog group by 1 limit 1")) {
      rs.next();
      company = rs.getObject(1, UUID.class);
      assertThat(rs.getLong(2)).isEqualTo(1000);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    rls = TenantryRls.dataSource(db.appRole().dataSource());
  }

  static String plan(String sql) throws Exception {
    return Tenancy.call(TenantContext.ofCompany(company), () -> {
      try (Connection c = rls.getConnection(); Statement st = c.createStatement()) {
        c.setAutoCommit(false);
        StringBuilder plan = new StringBuilder();
        try (ResultSet rs = st.executeQuery("explain " + sql)) {
          while (rs.next()) {
            plan.append(rs.getString(1)).append('\n');
          }
        }
        c.commit();
        return plan.toString();
      }
    });
  }

  static long count(String sql) throws Exception {
    return Tenancy.call(TenantContext.ofCompany(company), () -> {
      try (Connection c = rls.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  @Test
  void pointLookupBySku_usesTheCompanyIndex() throws Exception {
    String plan = plan("select * from t_catalog where sku = 'SKU-5'");
    System.out.println(plan);
    assertThat(plan).contains("t_catalog_sku_key").doesNotContain("Seq Scan");
    assertThat(count("select count(*) from t_catalog where sku = 'SKU-5'")).isEqualTo(1);
  }

  @Test
  void wholeTenantScan_usesTheCompanyIndex() throws Exception {
    String plan = plan("select sum(price) from t_catalog");
    System.out.println(plan);
    assertThat(plan).contains("t_catalog_sku_key").doesNotContain("Seq Scan");
    assertThat(count("select count(*) from t_catalog")).as("one company's rows out of a million").isEqualTo(1000);
  }
}
