package io.tenantry.hibernate.rls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import io.tenantry.hibernate.TwoCompaniesAccess;
import io.tenantry.test.AppRole;
import io.tenantry.test.TenantryPostgres;
import io.tenantry.test.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;
import org.hibernate.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The second wall (THREATS 5, 10–14), on real PostgreSQL as a role that is neither superuser nor
 * BYPASSRLS and owns no table: SQL that Hibernate never rewrites still sees only the bound tenant.
 */
@TenantryPostgres
class RowLevelSecurityTest {

  static TwoCompaniesAccess w;
  static TestDatabase db;
  static AppRole systemRole;
  static HikariDataSource onePool;
  static DataSource rls;

  @BeforeAll
  static void setUp(TestDatabase database) {
    db = database;
    systemRole = db.createAppRole("tenantry_sys");
    w = TwoCompaniesAccess.createWithRls(db, systemRole);
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl(db.appRole().jdbcUrl());
    cfg.setUsername(db.appRole().name());
    cfg.setPassword(db.appRole().password());
    cfg.setMaximumPoolSize(1);
    onePool = new HikariDataSource(cfg);
    rls = TenantryRls.dataSource(onePool);
  }

  @AfterAll
  static void tearDown() {
    if (onePool != null) {
      onePool.close();
    }
    if (w != null) {
      w.close();
    }
  }

  static Set<String> companiesVisible(Connection c) throws SQLException {
    Set<String> seen = new TreeSet<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select distinct company_id from t_product")) {
      while (rs.next()) {
        seen.add(rs.getString(1));
      }
    }
    return seen;
  }

  static List<UUID> ids(Connection c, String sql) throws SQLException {
    List<UUID> ids = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        ids.add(rs.getObject(1, UUID.class));
      }
    }
    return ids;
  }

  @Test
  void nativeSql_seesOnlyTheBoundTenant() throws Exception {
    // through Hibernate's native queries
    assertThat(w.in(w.storeB1(), (Session s) -> s.createNativeQuery("select id from t_price_override", UUID.class)
        .getResultList())).containsExactly(w.overrideB1());
    assertThat(w.in(w.storeA1(), (Session s) -> s.createNativeQuery("select id from t_price_override", UUID.class)
        .getResultList())).containsExactly(w.overrideA1());
    assertThat(w.in(w.ownerA(), (Session s) -> s.createNativeQuery("select id from t_price_override", UUID.class)
        .getResultList())).containsExactlyInAnyOrder(w.overrideA1(), w.overrideA2());
    assertThat(w.in(w.registerR1(), (Session s) -> s.createNativeQuery("select id from t_sale", UUID.class)
        .getResultList())).containsExactly(w.saleR1());
    // through plain JDBC, as JdbcTemplate would
    List<UUID> asB = Tenancy.call(w.storeB1(), () -> {
      try (Connection c = rls.getConnection()) {
        c.setAutoCommit(false);
        List<UUID> r = ids(c, "select id from t_price_override where product_id in (select id from t_product)");
        c.commit();
        return r;
      }
    });
    assertThat(asB).containsExactly(w.overrideB1());
  }

  @Test
  void hibernateSessionWithoutTransaction_autoCommitReads_areScopedToo() {
    for (TenantContext ctx : List.of(w.storeA1(), w.storeB1())) {
      List<UUID> seen = Tenancy.supply(ctx, () -> {
        try (Session s = w.sf().openSession()) {
          return s.createNativeQuery("select id from t_price_override", UUID.class).getResultList();
        }
      });
      assertThat(seen).containsExactly(ctx.companyId().equals(w.a()) ? w.overrideA1() : w.overrideB1());
    }
  }

  @Test
  void copyToStdout_exportsOnlyTheBoundTenant() throws Exception {
    String exported = Tenancy.call(w.storeB1(), () -> {
      try (Connection c = rls.getConnection()) {
        c.setAutoCommit(false);
        // settings are applied before the first statement; COPY then runs in the same transaction
        companiesVisible(c);
        java.io.StringWriter out = new java.io.StringWriter();
        new org.postgresql.copy.CopyManager(c.unwrap(org.postgresql.core.BaseConnection.class))
            .copyOut("copy (select company_id from t_product) to stdout", out);
        c.commit();
        return out.toString();
      }
    });
    assertThat(exported.lines()).containsOnly(w.b().toString());
  }

  @Test
  void joinedSubclassTable_nativeSql_seesOnlyRowsWhoseRootIsVisible() {
    assertThat(w.in(w.storeA1(), (Session s) -> s.createNativeQuery("select id from t_card_payment", UUID.class)
        .getResultList())).containsExactly(w.cardA1());
    assertThat(w.in(w.storeB1(), (Session s) -> s.createNativeQuery("select id from t_card_payment", UUID.class)
        .getResultList())).containsExactly(w.cardB1());
  }

  @Test
  void onePooledConnection_alternatingTenants_neverStale() throws Exception {
    String a = w.a().toString();
    String b = w.b().toString();
    for (int round = 0; round < 30; round++) {
      TenantContext ctx = round % 3 == 0 ? w.ownerA() : round % 3 == 1 ? TenantContext.ofCompany(w.b()) : null;
      Set<String> expected = round % 3 == 0 ? Set.of(a) : round % 3 == 1 ? Set.of(b) : Set.of();
      int mode = (round / 3) % 3; // 0 = auto-commit, 1 = commit, 2 = rollback
      java.util.concurrent.Callable<Set<String>> read = () -> {
        try (Connection c = rls.getConnection()) {
          if (mode == 0) {
            return companiesVisible(c);
          }
          c.setAutoCommit(false);
          Set<String> seen = companiesVisible(c);
          if (mode == 1) {
            c.commit();
          } else {
            c.rollback();
          }
          return seen;
        }
      };
      Set<String> seen = ctx == null ? read.call() : Tenancy.call(ctx, read);
      assertThat(seen).as("round %d, mode %d", round, mode).isEqualTo(expected);
      // the pool's only connection, used raw (no Tenantry): nothing survived the transaction
      try (Connection raw = onePool.getConnection(); Statement st = raw.createStatement();
          ResultSet rs = st.executeQuery("select coalesce(current_setting('tenantry.company_id', true), ''),"
              + " (select count(*) from t_product)")) {
        rs.next();
        assertThat(rs.getString(1)).as("setting left on the pooled connection").isEmpty();
        assertThat(rs.getLong(2)).isZero();
      }
    }
  }

  @Test
  void sessionLevelSettingLeftByBuggyCode_isOverriddenInEveryTransaction() throws Exception {
    Tenancy.run(w.ownerA(), () -> {
      try (Connection c = rls.getConnection(); Statement st = c.createStatement()) {
        st.execute("select set_config('tenantry.company_id', '" + w.b() + "', false)"); // session-level
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    });
    try (Connection c = rls.getConnection()) {
      assertThat(companiesVisible(c)).as("no tenant bound").isEmpty();
    }
    assertThat(Tenancy.call(w.ownerA(), () -> {
      try (Connection c = rls.getConnection()) {
        return companiesVisible(c);
      }
    })).containsExactly(w.a().toString());
    try (Connection raw = onePool.getConnection(); Statement st = raw.createStatement()) {
      st.execute("reset tenantry.company_id");
    }
  }

  @Test
  void unsetOrEmptySetting_zeroRowsNotAnError() throws SQLException {
    try (Connection raw = db.appRole().dataSource().getConnection(); Statement st = raw.createStatement()) {
      for (String setup : List.of("select 1", "select set_config('tenantry.company_id', '', false)",
          "select set_config('tenantry.store_ids', '', false)")) {
        st.execute(setup);
        for (String table : List.of("t_product", "t_price_override", "t_sale", "tenantry_store", "tenantry_company",
            "tenantry_register", "tenantry_membership", "tenantry_setting")) {
          try (ResultSet rs = st.executeQuery("select count(*) from " + table)) {
            rs.next();
            assertThat(rs.getLong(1)).as(table + " after " + setup).isZero();
          }
        }
      }
      st.execute("reset all");
    }
  }

  @Test
  void movingOrCreatingRowsInAnotherCompany_isRefusedByTheDatabase() throws Exception {
    Tenancy.run(w.ownerA(), () -> {
      try (Connection c = rls.getConnection(); Statement st = c.createStatement()) {
        c.setAutoCommit(false);
        assertThatThrownBy(() -> st.executeUpdate("update t_product set company_id = '" + w.b() + "' where id = '"
            + w.productA() + "'")).isInstanceOf(SQLException.class).hasMessageContaining("row-level security");
        c.rollback();
        assertThatThrownBy(() -> st.executeUpdate("insert into t_product (id, company_id, sku, name, base_price) values ('"
            + UUID.randomUUID() + "', '" + w.b() + "', 'X', 'x', 1)"))
            .isInstanceOf(SQLException.class).hasMessageContaining("row-level security");
        c.rollback();
        assertThat(st.executeUpdate("update t_product set name = 'hacked' where id = '" + w.productB() + "'"))
            .as("another company's row is invisible to UPDATE").isZero();
        assertThat(st.executeUpdate("delete from t_price_override where id = '" + w.overrideB1() + "'")).isZero();
        c.commit();
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    });
    // a store-level move within the company is refused too
    Tenancy.run(w.storeA1(), () -> {
      try (Connection c = rls.getConnection(); Statement st = c.createStatement()) {
        c.setAutoCommit(false);
        assertThatThrownBy(() -> st.executeUpdate("update t_price_override set store_id = '" + w.a2() + "' where id = '"
            + w.overrideA1() + "'")).isInstanceOf(SQLException.class).hasMessageContaining("row-level security");
        c.rollback();
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    });
    try (Connection owner = db.adminDataSource().getConnection(); Statement st = owner.createStatement();
        ResultSet rs = st.executeQuery("select count(*) from t_product where name = 'hacked' or company_id <> '"
            + w.a() + "' and id = '" + w.productA() + "'")) {
      rs.next();
      assertThat(rs.getLong(1)).isZero();
    }
  }

  @Test
  void sameSkuInTwoCompanies_isFine_crossCompanyForeignKey_isRefused() throws Exception {
    try (Connection owner = db.adminDataSource().getConnection(); Statement st = owner.createStatement();
        ResultSet rs = st.executeQuery("select count(distinct company_id) from t_product where sku = 'SKU-1'")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(2);
    }
    Tenancy.run(w.ownerA(), () -> {
      try (Connection c = rls.getConnection(); PreparedStatement ps = c.prepareStatement(
          "insert into t_price_override (id, company_id, store_id, product_id, price) values (?, ?, ?, ?, 1)")) {
        ps.setObject(1, UUID.randomUUID());
        ps.setObject(2, w.a());
        ps.setObject(3, w.a1());
        ps.setObject(4, w.productB());
        assertThatThrownBy(ps::executeUpdate).isInstanceOf(SQLException.class)
            .hasMessageContaining("t_price_override_product_fk");
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  @Test
  void systemAccess_usesTheSeparateLogin_andOnlyInsideAsSystem() throws Exception {
    long all = Tenancy.asSystem("platform report in test", () -> w.sf().fromTransaction((Session s) ->
        s.createNativeQuery("select count(*) from t_price_override", Long.class).getSingleResult()));
    assertThat(all).isEqualTo(3L);
    DataSource noSystem = TenantryRls.dataSource(db.appRole().dataSource());
    long none = Tenancy.asSystem("no system login configured", () -> {
      try (Connection c = noSystem.getConnection(); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("select count(*) from t_price_override")) {
        rs.next();
        return rs.getLong(1);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(none).as("without a system login, system access sees nothing").isZero();
  }

  @Test
  void audit_passesOnTheGeneratedSchema() {
    AuditReport report = IsolationAudit.of(db.appRole().dataSource()).run();
    assertThat(report.tenantTables()).contains("t_payment", "t_product", "t_price_override", "t_sale", "tenantry_company",
        "tenantry_store", "tenantry_register", "tenantry_membership", "tenantry_membership_store", "tenantry_setting");
    report.assertClean();
  }

  @Test
  void commandLine_exitsZeroOnTheCleanSchema() {
    java.io.StringWriter out = new java.io.StringWriter();
    int code = IsolationAuditCli.run(new String[] {"--url", db.jdbcUrl(), "--user", db.adminUser(), "--password",
        db.adminPassword(), "--app-role", db.appRole().name()}, new java.io.PrintWriter(out, true),
        new java.io.PrintWriter(new java.io.StringWriter(), true));
    assertThat(code).as(out.toString()).isZero();
    assertThat(out.toString()).contains("0 findings");
  }

  static List<String> plan(TenantContext ctx, String sql) throws Exception {
    return Tenancy.call(ctx, () -> {
      try (Connection c = rls.getConnection()) {
        c.setAutoCommit(false);
        List<String> lines = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("explain (verbose, costs off) " + sql)) {
          while (rs.next()) {
            lines.add(rs.getString(1));
          }
        }
        c.commit();
        return lines;
      }
    });
  }

  @Test
  void storeTerm_convertsTheVisibleStoresOncePerStatement_notPerRow() throws Exception {
    // the plan PostgreSQL runs: the policy's store array must be a plain parameter set by an InitPlan;
    // a cast outside the sub-select (as before) re-parsed the setting's text on every row checked
    List<String> plan = plan(w.storeA1(), "select id from t_price_override");
    String filter = plan.stream().filter(l -> l.contains("store_id = ANY")).findFirst()
        .orElseThrow(() -> new AssertionError("no store term in the plan:\n" + String.join("\n", plan)));
    assertThat(filter).as(String.join("\n", plan))
        // PostgreSQL 15 and 16 print the InitPlan's value as $0, 17 and later as (InitPlan 1).col1
        .containsPattern("store_id = ANY \\(COALESCE\\((\\$\\d+|\\(InitPlan \\d+\\)\\.col\\d+), ARRAY\\[[\\w.]*store_id\\]\\)\\)")
        .doesNotContain("::uuid[]");
    assertThat(w.in(w.storeA1(), (Session s) -> s.createNativeQuery("select id from t_price_override", UUID.class)
        .getResultList())).containsExactly(w.overrideA1());
  }

  @Test
  void policies_readEachSettingGroupOncePerTable() throws Exception {
    // every sub-select is an InitPlan that PostgreSQL sets up again at each execution; company,
    // visible stores, register: three at most
    List<String> storeLevel = plan(w.storeA1(), "select id from t_price_override");
    // count the InitPlan nodes, not the filter's references to them (PostgreSQL 17+: "(InitPlan 1).col1")
    assertThat(storeLevel.stream().filter(l -> l.trim().startsWith("InitPlan"))).as(String.join("\n", storeLevel))
        .hasSize(2);
    List<String> registerLevel = plan(w.registerR1(), "select id from t_sale");
    assertThat(registerLevel.stream().filter(l -> l.trim().startsWith("InitPlan"))).as(String.join("\n", registerLevel))
        .hasSize(3);
    assertThat(w.in(w.registerR1(), (Session s) -> s.createNativeQuery("select id from t_sale", UUID.class)
        .getResultList())).containsExactly(w.saleR1());
  }

  @Test
  void insert_checksTheConditionOnce() throws Exception {
    // PostgreSQL merges the two policies' identical USING conditions, but runs each policy's WITH CHECK
    // with its own sub-selects: the permissive policy checks nothing (true), the restrictive one the
    // condition, so an insert sets up three InitPlans where it set up six
    List<String> insert = plan(w.registerR1(),
        "insert into t_sale (id, company_id, store_id, register_id) values (gen_random_uuid(), null, null, null)");
    assertThat(insert.stream().filter(l -> l.trim().startsWith("InitPlan"))).as(String.join("\n", insert))
        .hasSize(3);
  }

  @Test
  void policySql_isIdempotent() {
    String ddl = TenantryRls.mappingPolicySql(w.sf(), systemRole.name());
    db.execute(ddl);
    db.execute(ddl);
    IsolationAudit.of(db.appRole().dataSource()).run().assertClean();
  }
}
