package io.tenantry.examples.pos.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import io.tenantry.hibernate.rls.AuditReport;
import io.tenantry.hibernate.rls.IsolationAudit;
import io.tenantry.test.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * THREATS 33, 34, 30 on the reference app: the application role reads neither another company's
 * logins nor any password hash (login and signup still work, through the system login), a company
 * name cannot forge a system-access log line, and the isolation audit is clean — no finding, no
 * warning — on the app's own migrations.
 */
class CredentialsAndAuditTest extends ApiTestBase {

  World w;

  @Autowired
  DataSource dataSource;

  @Autowired
  EntityManagerFactory entityManagerFactory;

  CredentialsAndAuditTest(TestDatabase db) {
    super(db);
  }

  @BeforeAll
  void world() throws Exception {
    w = World.create(this);
  }

  interface Query<T> {
    T run(Statement s) throws SQLException;
  }

  /** Native SQL on the application's (row-level-security) DataSource, as the app role, bound to {@code ctx}. */
  <T> T asApp(TenantContext ctx, Query<T> query) {
    return Tenancy.supply(ctx, () -> {
      try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
        return query.run(s);
      } catch (SQLException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    });
  }

  static long count(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void appRole_seesOnlyItsCompanysLogins() {
    assertThat(rows("tenantry_user_account")).isGreaterThanOrEqualTo(4);
    long seenByA = asApp(TenantContext.ofCompany(w.companyA), s -> count(s, "select count(*) from tenantry_user_account"));
    long seenByB = asApp(TenantContext.ofCompany(w.companyB), s -> count(s, "select count(*) from tenantry_user_account"));
    assertThat(seenByA).as("owner, manager and cashier of A").isEqualTo(3);
    assertThat(seenByB).isEqualTo(1);
    long bsLogin = asApp(TenantContext.ofCompany(w.companyA),
        s -> count(s, "select count(*) from tenantry_user_account where email = 'owner-b@test.example'"));
    assertThat(bsLogin).isZero();
    int changed = asApp(TenantContext.ofCompany(w.companyA),
        s -> s.executeUpdate("update tenantry_user_account set email = 'taken@evil.example' where email = 'owner-b@test.example'"));
    assertThat(changed).isZero();
    int ownChanged = asApp(TenantContext.ofCompany(w.companyA), s -> s.executeUpdate(
        "update tenantry_user_account set email = 'taken@evil.example' where email = 'manager-a1@test.example'"));
    assertThat(ownChanged).as("a login may be another company's member too: only the system login changes one")
        .isZero();
    int deleted = asApp(TenantContext.ofCompany(w.companyA), s -> s.executeUpdate("delete from tenantry_user_account"));
    assertThat(deleted).isZero();
  }

  @Test
  void appRole_readsNoPasswordHash_evenOfItsOwnCompany() {
    assertThatThrownBy(() -> asApp(TenantContext.ofCompany(w.companyA),
        s -> count(s, "select count(password_hash) from tenantry_user_account")))
        .hasMessageContaining("permission denied");
    assertThatThrownBy(() -> asApp(TenantContext.ofCompany(w.companyA),
        s -> count(s, "select count(*) from tenantry_user_account where password_hash like '$2%'")))
        .hasMessageContaining("permission denied");
  }

  @Test
  void loginSignupAndMe_stillWork_andInvitingAnEmailOfAnotherCompany_createsNothingAndRevealsNothing() throws Exception {
    long logins = rows("tenantry_user_account");
    assertThat(World.login(this, "owner-b@test.example")).isNotBlank();
    MockHttpServletResponse me = get("/api/me", w.managerA1);
    assertThat(me.getStatus()).isEqualTo(200);
    assertThat(body(me)).contains("manager-a1@test.example");
    MockHttpServletResponse taken = post("/api/invitations", w.ownerA,
        "{\"email\":\"owner-b@test.example\",\"role\":\"CASHIER\",\"storeIds\":[\"" + w.storeA1 + "\"]}");
    MockHttpServletResponse fresh = post("/api/invitations", w.ownerA,
        "{\"email\":\"nobody-yet@test.example\",\"role\":\"CASHIER\",\"storeIds\":[\"" + w.storeA1 + "\"]}");
    assertThat(taken.getStatus()).isEqualTo(201).isEqualTo(fresh.getStatus());
    assertThat(body(taken).replace("owner-b@", "X@").replaceAll("\"(id|expiresAt)\":\"[^\"]*\"", ""))
        .isEqualTo(body(fresh).replace("nobody-yet@", "X@").replaceAll("\"(id|expiresAt)\":\"[^\"]*\"", ""));
    assertThat(rows("tenantry_user_account")).as("an invitation creates no login").isEqualTo(logins);
  }

  @Test
  void companyNameWithANewline_cannotForgeASystemAccessLogLine() throws Exception {
    Logger log = (Logger) LoggerFactory.getLogger("io.tenantry.system-access");
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    log.addAppender(appender);
    try {
      World.signup(this, "Evil\\n12:00:00.000 INFO io.tenantry.system-access - System access (cross-tenant) begins",
          "forger@test.example");
    } finally {
      log.detachAppender(appender);
    }
    assertThat(appender.list).isNotEmpty().allSatisfy(e -> assertThat(e.getFormattedMessage())
        .doesNotContain("\n").doesNotContain("Evil"));
  }

  /**
   * The register-key directory (key hash -> company, issue 24) is global data: the application role may not read,
   * add, change or delete an entry of any company, its own included (V1_12); the system login wrote the entries of
   * the keys World issued, and those keys authenticate.
   */
  @Test
  void appRole_hasNoPrivilegeOnTheRegisterKeyDirectory() throws Exception {
    assertThat(rows("tenantry_register_key_lookup")).isGreaterThanOrEqualTo(3);
    for (String sql : new String[] {"select count(*) from tenantry_register_key_lookup",
        "delete from tenantry_register_key_lookup", "update tenantry_register_key_lookup set company = company",
        "insert into tenantry_register_key_lookup values (gen_random_uuid(), sha256('x'), gen_random_uuid())"}) {
      assertThatThrownBy(() -> asApp(TenantContext.ofCompany(w.companyA), s -> s.execute(sql)))
          .as(sql).hasMessageContaining("permission denied");
    }
    assertThat(rows("tenantry_register_key_lookup")).isGreaterThanOrEqualTo(3);
    assertThat(get("/api/sync/catalog", w.keyA1).getStatus()).isEqualTo(200);
  }

  @Test
  void isolationAudit_isClean_withoutWarnings_onTheReferenceApp() {
    AuditReport report = IsolationAudit.of(dataSource).mapping(entityManagerFactory.unwrap(SessionFactory.class)).run();
    assertThat(report.findings()).as(report.toString()).isEmpty();
    assertThat(report.warnings()).as(report.toString()).isEmpty();
    assertThat(report.tenantTables()).contains("tenantry_company", "pos_sale_line", "tenantry_register_key");
  }
}
