package io.tenantry.hibernate.rls;

import static org.assertj.core.api.Assertions.assertThat;
import io.tenantry.hibernate.fixture.Resources;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import io.tenantry.core.model.Company;
import io.tenantry.core.model.Membership;
import io.tenantry.core.model.Register;
import io.tenantry.core.model.Store;
import io.tenantry.core.model.StoreGrant;
import io.tenantry.core.model.TenantSetting;
import io.tenantry.core.model.UserAccount;
import io.tenantry.hibernate.TenantryHibernate;
import io.tenantry.hibernate.rls.child.Article;
import io.tenantry.hibernate.rls.child.Label;
import io.tenantry.hibernate.rls.child.Shelf;
import io.tenantry.test.AppRole;
import io.tenantry.test.TenantryMigrations;
import io.tenantry.test.TenantryPostgres;
import io.tenantry.test.TestDatabase;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * THREATS 29: tenant data in tables without a tenant column of their own — an element collection,
 * a many-to-many join table, a secondary table, and a store-level element collection. Rows of
 * companies A and B exist before the policies (the generated DDL must stamp them); then native SQL
 * bound to A attempts to read, delete and write B's child rows, and the audit is asked about them.
 */
@TenantryPostgres
class ChildTablesTest {

  static final List<Class<?>> ENTITIES = List.of(Company.class, Store.class, Register.class, UserAccount.class,
      Membership.class, StoreGrant.class, TenantSetting.class, Article.class, Label.class, Shelf.class);
  static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
  static final UUID B = UUID.fromString("00000000-0000-0000-0000-00000000000b");
  static final UUID A1 = UUID.fromString("00000000-0000-0000-0001-00000000000a");
  static final UUID A2 = UUID.fromString("00000000-0000-0000-0002-00000000000a");
  static final UUID B1 = UUID.fromString("00000000-0000-0000-0001-00000000000b");
  static final UUID ARTICLE_A = UUID.fromString("00000000-0000-0000-00a0-00000000000a");
  static final UUID ARTICLE_B = UUID.fromString("00000000-0000-0000-00a0-00000000000b");
  static final UUID LABEL_A = UUID.fromString("00000000-0000-0000-00b0-00000000000a");
  static final UUID LABEL_B = UUID.fromString("00000000-0000-0000-00b0-00000000000b");
  static final UUID SHELF_A1 = UUID.fromString("00000000-0000-0000-00c1-00000000000a");
  static final UUID SHELF_A2 = UUID.fromString("00000000-0000-0000-00c2-00000000000a");
  static final UUID SHELF_B1 = UUID.fromString("00000000-0000-0000-00c1-00000000000b");

  static TestDatabase db;
  static AppRole system;
  static String ddl;
  static AuditReport beforeWithMapping;
  static AuditReport beforeFromCatalog;
  static DataSource rls;
  static SessionFactory sf;

  @BeforeAll
  static void setUp(TestDatabase database) throws IOException {
    db = database;
    system = db.createAppRole("sys");
    TenantryMigrations.migrate(db.adminDataSource());
    db.execute(Resources.text("fixture-child-schema.sql"));
    db.execute("insert into tenantry_company (id, name) values ('" + A + "', 'A'), ('" + B + "', 'B');"
        + "insert into tenantry_store (id, company_id, name, timezone) values ('" + A1 + "', '" + A + "', 'A1', 'UTC'),"
        + " ('" + A2 + "', '" + A + "', 'A2', 'UTC'), ('" + B1 + "', '" + B + "', 'B1', 'UTC');"
        + "insert into t_article (id, company_id, title) values ('" + ARTICLE_A + "', '" + A + "', 'a'),"
        + " ('" + ARTICLE_B + "', '" + B + "', 'b');"
        + "insert into t_article_cost values ('" + ARTICLE_A + "', 1.00), ('" + ARTICLE_B + "', 2.00);"
        + "insert into t_article_tag values ('" + ARTICLE_A + "', 'a1'), ('" + ARTICLE_A + "', 'a2'),"
        + " ('" + ARTICLE_B + "', 'b1'), ('" + ARTICLE_B + "', 'b2'), ('" + ARTICLE_B + "', 'b3');"
        + "insert into t_label (id, company_id, name) values ('" + LABEL_A + "', '" + A + "', 'la'),"
        + " ('" + LABEL_B + "', '" + B + "', 'lb');"
        + "insert into t_article_label values ('" + ARTICLE_A + "', '" + LABEL_A + "'), ('" + ARTICLE_B + "', '"
        + LABEL_B + "');"
        + "insert into t_shelf (id, company_id, store_id, name) values ('" + SHELF_A1 + "', '" + A + "', '" + A1
        + "', 's'), ('" + SHELF_A2 + "', '" + A + "', '" + A2 + "', 's'), ('" + SHELF_B1 + "', '" + B + "', '" + B1
        + "', 's');"
        + "insert into t_shelf_slot values ('" + SHELF_A1 + "', 'x'), ('" + SHELF_A2 + "', 'y'), ('" + SHELF_A2
        + "', 'y2'), ('" + SHELF_B1 + "', 'z');");
    try (SessionFactory mapping = sessionFactory(db.appRole().dataSource(), "none", "off")) {
      ddl = TenantryRls.mappingPolicySql(mapping, system.name());
      beforeWithMapping = IsolationAudit.of(db.adminDataSource()).appRole(db.appRole().name())
          .systemRole(system.name()).mapping(mapping).run();
    }
    beforeFromCatalog = IsolationAudit.of(db.adminDataSource()).appRole(db.appRole().name())
        .systemRole(system.name()).run();
    db.execute(ddl);
    db.execute(ddl); // idempotent: a re-generated migration runs over the result of the last one
    rls = TenantryRls.dataSource(db.appRole().dataSource(), system.dataSource());
    sf = sessionFactory(rls, "validate", "fail");
  }

  @AfterAll
  static void close() {
    if (sf != null) {
      sf.close();
    }
  }

  static SessionFactory sessionFactory(DataSource dataSource, String hbm2ddl, String audit) {
    Configuration cfg = new Configuration();
    ENTITIES.forEach(cfg::addAnnotatedClass);
    TenantryHibernate.settings().forEach((k, v) -> cfg.setProperty(k, String.valueOf(v)));
    cfg.getProperties().put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource);
    cfg.setProperty(AvailableSettings.HBM2DDL_AUTO, hbm2ddl);
    cfg.setProperty(TenantryHibernate.AUDIT_PROPERTY, audit);
    return cfg.buildSessionFactory();
  }


  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** One transaction on the RLS DataSource under {@code ctx}, rolled back so every test sees the seed. */
  static <T> T as(TenantContext ctx, Work<T> work) {
    return Tenancy.supply(ctx, () -> inRolledBack(work));
  }

  static <T> T inRolledBack(Work<T> work) {
    try (Connection c = rls.getConnection()) {
      c.setAutoCommit(false);
      try {
        return work.run(c);
      } finally {
        c.rollback();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static long adminCount(String sql) {
    try (Connection c = db.adminDataSource().getConnection()) {
      return count(c, sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void generatedDdl_coversEveryChildTableFromTheMapping() {
    assertThat(ddl).contains("-- t_article_tag (company, element collection of t_article by article_id)")
        .contains("-- t_article_label (company, join table of t_article by article_id)")
        .contains("-- t_article_cost (company, secondary table of t_article by article_id)")
        .contains("-- t_shelf_slot (store, element collection of t_shelf by shelf_id)")
        .contains("foreign key (company_id, label_id) references t_label (company_id, id)");
  }

  @Test
  void existingRows_wereStampedWithTheirOwnersTenant() {
    assertThat(adminCount("select count(*) from t_article_tag c join t_article o on o.id = c.article_id"
        + " where c.company_id = o.company_id")).isEqualTo(5);
    assertThat(adminCount("select count(*) from t_shelf_slot c join t_shelf o on o.id = c.shelf_id"
        + " where c.company_id = o.company_id and c.store_id = o.store_id")).isEqualTo(4);
    assertThat(adminCount("select count(*) from pg_constraint where conrelid = 't_article_tag'::regclass"
        + " and contype = 'f'")).as("the foreign key without company_id is replaced").isEqualTo(1);
  }

  @Test
  void nativeSql_boundToA_readsAndDeletesOnlyAsChildRows() {
    TenantContext a = TenantContext.ofCompany(A);
    List<Long> counts = as(a, c -> List.of(count(c, "select count(*) from t_article_tag"),
        count(c, "select count(*) from t_article_label"), count(c, "select count(*) from t_article_cost"),
        count(c, "select count(*) from t_shelf_slot")));
    assertThat(counts).containsExactly(2L, 1L, 1L, 3L);
    long bsTags = as(a, c -> count(c, "select count(*) from t_article_tag where article_id = '" + ARTICLE_B + "'"));
    assertThat(bsTags).isZero();
    List<Integer> touched = as(a, c -> List.of(c.createStatement().executeUpdate("delete from t_article_tag"),
        c.createStatement().executeUpdate("delete from t_article_label"),
        c.createStatement().executeUpdate("update t_article_cost set supplier_cost = 0")));
    assertThat(touched).as("only A's rows are touched").containsExactly(2, 1, 1);
    long bTags = as(TenantContext.ofCompany(B), c -> count(c, "select count(*) from t_article_tag"));
    assertThat(bTags).isEqualTo(3);
  }

  @Test
  void nativeSql_boundToA_cannotWriteIntoBsOwnerNorLinkToBsRows() {
    TenantContext a = TenantContext.ofCompany(A);
    for (String insert : List.of(
        "insert into t_article_tag (article_id, tag) values ('" + ARTICLE_B + "', 'forged')",
        "insert into t_article_tag (article_id, tag, company_id) values ('" + ARTICLE_B + "', 'forged', '" + B + "')",
        "insert into t_article_label (article_id, label_id) values ('" + ARTICLE_A + "', '" + LABEL_B + "')",
        "insert into t_article_label (article_id, label_id) values ('" + ARTICLE_B + "', '" + LABEL_A + "')",
        "insert into t_shelf_slot (shelf_id, slot) values ('" + SHELF_B1 + "', 'forged')")) {
      assertThatThrownBy(() -> as(a, c -> c.createStatement().executeUpdate(insert))).as(insert)
          .isInstanceOf(IllegalStateException.class);
    }
    assertThatThrownBy(() -> as(a, c -> c.createStatement().executeUpdate(
        "update t_article_tag set article_id = '" + ARTICLE_B + "' where tag = 'a1'")))
        .as("moving A's row under B's owner").isInstanceOf(IllegalStateException.class);
    assertThat(adminCount("select count(*) from t_article_tag where article_id = '" + ARTICLE_B + "'")).isEqualTo(3);
  }

  @Test
  void storeLevelChild_followsTheOwnersStore() {
    long inA1 = as(TenantContext.ofStore(A, A1), c -> count(c, "select count(*) from t_shelf_slot"));
    long inA2 = as(TenantContext.ofStore(A, A2), c -> count(c, "select count(*) from t_shelf_slot"));
    assertThat(inA1).isEqualTo(1);
    assertThat(inA2).isEqualTo(2);
    assertThatThrownBy(() -> as(TenantContext.ofStore(A, A1), c -> c.createStatement().executeUpdate(
        "insert into t_shelf_slot (shelf_id, slot) values ('" + SHELF_A2 + "', 'other store')")))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void hibernateWrites_areStampedByTheDatabase_andSystemAccessSeesEveryCompany() {
    UUID created = Tenancy.supply(TenantContext.ofCompany(A), () -> sf.fromTransaction(s -> {
      Article article = new Article("new", new BigDecimal("3.50"), Set.of("n1", "n2"));
      article.getLabels().add(s.find(Label.class, LABEL_A));
      s.persist(article);
      return article.getId();
    }));
    try {
      assertThat(adminCount("select count(*) from t_article_tag where article_id = '" + created + "' and company_id = '"
          + A + "'")).isEqualTo(2);
      assertThat(adminCount("select count(*) from t_article_label where article_id = '" + created
          + "' and company_id = '" + A + "'")).isEqualTo(1);
      assertThat(adminCount("select count(*) from t_article_cost where article_id = '" + created
          + "' and company_id = '" + A + "'")).isEqualTo(1);
      Article seen = Tenancy.supply(TenantContext.ofCompany(A), () -> sf.fromTransaction(s -> {
        Article x = s.find(Article.class, created);
        x.getTags().size();
        return x;
      }));
      assertThat(seen.getTags()).containsExactlyInAnyOrder("n1", "n2");
      assertThat(seen.getSupplierCost()).isEqualByComparingTo("3.50");
      Article fromB = Tenancy.supply(TenantContext.ofCompany(B), () -> sf.fromTransaction(s -> s.find(Article.class, created)));
      assertThat(fromB).isNull();
      long all = Tenancy.asSystem("test: every company's child rows", () -> ChildTablesTest.<Long>inRolledBack(c ->
          count(c, "select count(*) from t_article_tag")));
      assertThat(all).isEqualTo(7);
    } finally {
      db.execute("delete from t_article_tag where article_id = '" + created + "';"
          + "delete from t_article_label where article_id = '" + created + "';"
          + "delete from t_article_cost where article_id = '" + created + "';"
          + "alter table t_article no force row level security; delete from t_article where id = '" + created + "';"
          + "alter table t_article force row level security;");
    }
  }

  @Test
  void audit_reportsChildTablesWithoutTenantColumns_fromTheMappingAndFromTheCatalog() {
    for (AuditReport report : List.of(beforeWithMapping, beforeFromCatalog)) {
      for (String table : List.of("t_article_tag", "t_article_label", "t_shelf_slot")) {
        assertThat(report.findings()).as(report.toString()).anySatisfy(f -> {
          assertThat(f.object()).isEqualTo(table);
          assertThat(f.problem()).contains("has no tenant columns");
          assertThat(f.fix()).contains("create trigger tenantry_stamp").contains("current_user = '" + system.name() + "'");
        });
      }
    }
    assertThat(beforeWithMapping.findings()).as("a secondary table, known from the mapping")
        .anySatisfy(f -> {
          assertThat(f.object()).isEqualTo("t_article_cost");
          assertThat(f.fix()).contains("secondary table of public.t_article");
        });
    assertThat(beforeWithMapping.findings().stream().filter(f -> f.object().equals("t_article_tag")).findFirst()
        .orElseThrow().fix()).as("the audit's fix is the generator's text")
        .isEqualTo(PolicySql.forChildTable(new ChildTable("t_article_tag", "t_article", TenantTableLevel.COMPANY,
            "article_id", null, null, "element collection").qualified("public"), system.name()));
  }

  @Test
  void audit_isCleanAfterTheGeneratedDdl() {
    IsolationAudit.of(db.adminDataSource()).appRole(db.appRole().name()).mapping(sf).run().assertClean();
    IsolationAudit.of(rls).mapping(sf).run().assertClean();
    IsolationAudit.of(db.adminDataSource()).appRole(db.appRole().name()).systemRole(system.name()).run().assertClean();
  }

  @Test
  void policySqlFromTheCatalog_afterTheMigration_isStillApplicable() {
    db.execute(IsolationAudit.of(db.adminDataSource()).systemRole(system.name()).schemaPolicySql(system.name()));
    long aTags = as(TenantContext.ofCompany(A), c -> count(c, "select count(*) from t_article_tag"));
    assertThat(aTags).isEqualTo(2);
  }

}
