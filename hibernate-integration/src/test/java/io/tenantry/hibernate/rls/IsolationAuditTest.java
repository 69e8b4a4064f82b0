package io.tenantry.hibernate.rls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantry.test.AppRole;
import io.tenantry.test.TenantryMigrations;
import io.tenantry.test.TenantryPostgres;
import io.tenantry.test.TestDatabase;
import java.io.IOException;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One planted hole per finding the audit knows, next to a correctly secured schema: the audit
 * reports each hole (with its fix) and says nothing about the correct tables.
 */
@TenantryPostgres
class IsolationAuditTest {

  static TestDatabase db;
  static AppRole app;
  static AuditReport report;

  static final String TENANT_TABLE = "(id uuid primary key, company_id uuid not null references tenantry_company (id),"
      + " name text, unique (company_id, id))";

  @BeforeAll
  static void plant(TestDatabase database) throws IOException {
    db = database;
    app = db.appRole();
    TenantryMigrations.migrate(db.adminDataSource());
    for (String[] t : new String[][] {{"tenantry_company", "COMPANY_ROOT"}, {"tenantry_store", "STORE_ROOT"},
        {"tenantry_register", "STORE"}, {"tenantry_membership", "COMPANY"}, {"tenantry_membership_store", "COMPANY"},
        {"tenantry_setting", "HIERARCHICAL"}}) {
      db.execute(PolicySql.forTable(t[0], TenantTableLevel.valueOf(t[1]), null));
    }
    db.execute(PolicySql.forUserAccounts("tenantry_user_account", "tenantry_membership", null));
    db.execute("create table ok_product " + TENANT_TABLE + ";"
        + "create table p_no_rls " + TENANT_TABLE + ";"
        + "create table p_no_force " + TENANT_TABLE + ";"
        + "create table p_no_restrictive " + TENANT_TABLE + ";"
        + "create table p_open_check " + TENANT_TABLE + ";"
        + "create table p_extra_permissive " + TENANT_TABLE + ";"
        + "create table p_owned " + TENANT_TABLE + ";"
        + "create table p_global_sku " + TENANT_TABLE + "; alter table p_global_sku add column sku text unique;"
        + "create table p_bad_fk " + TENANT_TABLE + "; alter table p_bad_fk add column product_id uuid references ok_product (id);"
        + "create table p_no_index (id uuid primary key, company_id uuid not null references tenantry_company (id));"
        + "create table p_joined_sub (id uuid primary key references ok_product (id), extra text);"
        + "create table p_child_tag (product_id uuid not null references ok_product (id), tag text not null);"
        + "create table p_credentials (id uuid primary key, login text, password_hash text);"
        + "create view v_leaky as select * from ok_product;"
        + "create view v_invoker with (security_invoker = true) as select * from ok_product;"
        + "create function f_definer() returns bigint language sql security definer as 'select count(*) from ok_product';");
    for (String t : List.of("ok_product", "p_extra_permissive", "p_owned", "p_global_sku", "p_bad_fk", "p_no_index")) {
      db.execute(PolicySql.forTable(t, TenantTableLevel.COMPANY, null));
    }
    db.execute(PolicySql.forTable("p_no_force", TenantTableLevel.COMPANY, null)
        + "alter table p_no_force no force row level security;");
    db.execute(PolicySql.forTable("p_no_restrictive", TenantTableLevel.COMPANY, null)
        + "drop policy " + PolicySql.RESTRICTIVE + " on p_no_restrictive;");
    // the permissive policy's WITH CHECK is true, so a restrictive policy that checks nothing lets any row in
    db.execute(PolicySql.forTable("p_open_check", TenantTableLevel.COMPANY, null)
        + "alter policy " + PolicySql.RESTRICTIVE + " on p_open_check with check (true);");
    db.execute("create policy open_all on p_extra_permissive as permissive for select to public using (true);");
    db.execute("alter table p_owned owner to " + app.name() + ";");
    report = IsolationAudit.of(db.adminDataSource()).appRole(app.name()).run();
  }


  static List<AuditFinding> about(String object) {
    return report.findings().stream().filter(f -> f.object().equals(object)).toList();
  }

  static void assertFinding(String object, String problem, String fix) {
    assertFinding(report, object, problem, fix);
  }

  static void assertFinding(AuditReport report, String object, String problem, String fix) {
    assertThat(report.findings().stream().filter(f -> f.object().equals(object)).toList()).as(report.toString())
        .anySatisfy(f -> {
          assertThat(f.problem()).contains(problem);
          assertThat(f.fix()).contains(fix);
        });
  }

  @Test
  void correctTables_haveNoFindings() {
    for (String t : List.of("ok_product", "tenantry_company", "tenantry_store", "tenantry_register",
        "tenantry_membership", "tenantry_membership_store", "tenantry_setting")) {
      assertThat(about(t)).as(t).isEmpty();
    }
    assertThat(about("v_invoker")).isEmpty();
    assertThat(about("tenantry_user_account")).as("global table behind its policy").isEmpty();
  }

  @Test
  void childTableWithoutTenantColumns() {
    assertFinding("p_child_tag", "holds rows of tenant table ok_product (child table) but has no tenant columns",
        "foreign key (company_id, product_id) references public.ok_product (company_id, id)");
  }

  @Test
  void secretReadableWithoutRls() {
    assertFinding("p_credentials", "can read column password_hash, a secret, of every company", "revoke select on "
        + "public.p_credentials from " + app.name() + "; grant select (<the other columns>)");
    assertThat(report.warnings()).as("behind row-level security it is a warning").anySatisfy(w -> {
      assertThat(w.object()).isEqualTo("tenantry_user_account");
      assertThat(w.problem()).contains("column password_hash");
    });
  }

  @Test
  void loginTableWithoutItsPolicy_andItsHashesReadable() {
    db.execute("alter table tenantry_user_account disable row level security;");
    try {
      AuditReport withoutRls = IsolationAudit.of(db.adminDataSource()).appRole(app.name()).run();
      assertFinding(withoutRls, "tenantry_user_account", "reads every company's users",
          "exists (select 1 from public.tenantry_membership m where m.user_id = public.tenantry_user_account.id)");
      assertFinding(withoutRls, "tenantry_user_account", "column password_hash", "revoke select");
      db.execute("revoke select on tenantry_user_account from " + app.name() + "; grant select (id, email) on "
          + "tenantry_user_account to " + app.name() + ";");
      AuditReport narrowed = IsolationAudit.of(db.adminDataSource()).appRole(app.name()).run();
      assertThat(narrowed.findings()).as(narrowed.toString())
          .noneMatch(f -> f.object().equals("tenantry_user_account") && f.problem().contains("password_hash"));
    } finally {
      db.execute("alter table tenantry_user_account enable row level security;"
          + "grant select on tenantry_user_account to " + app.name() + ";");
    }
  }

  @Test
  void temporaryTablePrivilege_isReportedAsAWarning_untilRevoked() {
    assertThat(report.warnings()).as("the test database revokes TEMP from PUBLIC")
        .noneMatch(w -> w.problem().contains("temporary tables"));
    db.execute("grant temporary on database " + db.name() + " to public;"); // PostgreSQL's default
    try {
      AuditReport granted = IsolationAudit.of(db.adminDataSource()).appRole(app.name()).run();
      assertThat(granted.isClean()).isFalse(); // the planted holes, not TEMP: a warning does not count
      assertThat(granted.warnings()).anySatisfy(w -> {
        assertThat(w.object()).isEqualTo("role " + app.name());
        assertThat(w.problem()).contains("temporary tables");
        assertThat(w.fix()).contains("revoke temporary on database " + db.name() + " from public");
      });
      assertThat(granted.toString()).contains("warning: role " + app.name());
    } finally {
      db.execute("revoke temporary on database " + db.name() + " from public;");
    }
  }

  @Test
  void policiesThatDoNotNameTheSystemLogin_areFindings_withTheGeneratorsFix() {
    AuditReport withSystem = IsolationAudit.of(db.adminDataSource()).appRole(app.name()).systemRole("pos_system_x")
        .run();
    assertFinding(withSystem, "role pos_system_x", "the system login does not exist", "create role pos_system_x");
    db.execute("create role audit_system_login;");
    try {
      AuditReport missing = IsolationAudit.of(db.adminDataSource()).appRole(app.name())
          .systemRole("audit_system_login").run();
      assertFinding(missing, "ok_product", "do not name the system login audit_system_login",
          PolicySql.forTable("public.ok_product", TenantTableLevel.COMPANY, "audit_system_login"));
      assertFinding(missing, "p_no_rls", "row-level security is not enabled",
          "or current_user = 'audit_system_login'");
      db.execute(PolicySql.forTable("ok_product", TenantTableLevel.COMPANY, "audit_system_login"));
      AuditReport named = IsolationAudit.of(db.adminDataSource()).appRole(app.name()).run();
      assertThat(named.findings()).as("the system login is read from the existing policies")
          .anySatisfy(f -> assertThat(f.fix()).contains("or current_user = 'audit_system_login'"));
      assertThat(IsolationAudit.of(db.adminDataSource()).appRole(app.name()).systemRole("audit_system_login").run()
          .findings()).noneMatch(f -> f.object().equals("ok_product"));
    } finally {
      db.execute(PolicySql.forTable("ok_product", TenantTableLevel.COMPANY, null) + "drop role audit_system_login;");
    }
  }

  @Test
  void tableWithoutRls() {
    assertFinding("p_no_rls", "row-level security is not enabled", "enable row level security");
  }

  @Test
  void joinedSubclassTableWithoutRls() {
    assertFinding("p_joined_sub", "subclass table of tenant table ok_product", "exists (select 1 from public.ok_product r");
  }

  @Test
  void tableWithoutForce() {
    assertFinding("p_no_force", "not forced", "alter table public.p_no_force force row level security;");
  }

  @Test
  void tableWithoutRestrictivePolicy() {
    assertFinding("p_no_restrictive", "no restrictive FOR ALL policy", "as restrictive for all");
  }

  @Test
  void restrictivePolicyThatChecksNoTenant() {
    assertFinding("p_open_check", "does not check the bound company in both USING and WITH CHECK",
        "as restrictive for all");
  }

  @Test
  void extraPermissivePolicy() {
    assertFinding("p_extra_permissive", "extra permissive policy open_all", "drop policy open_all");
  }

  @Test
  void appRoleOwnsATenantTable() {
    assertFinding("p_owned", "owns the table", "create role " + app.name() + "_owner nologin; alter table "
        + "public.p_owned owner to " + app.name() + "_owner;");
    assertThat(about("p_owned")).noneMatch(f -> f.fix().contains("<") || f.fix().contains("revoke " + app.name()));
  }

  @Test
  void uniqueWithoutCompanyId() {
    assertFinding("p_global_sku", "does not include company_id", "(company_id, sku)");
  }

  @Test
  void uniqueWithoutCompanyId_canBeAllowedAfterReview() {
    AuditReport allowed = IsolationAudit.of(db.adminDataSource()).appRole(app.name())
        .allowGlobalUnique("p_global_sku_sku_key").run();
    assertThat(allowed.findings()).noneMatch(f -> f.object().equals("p_global_sku"));
  }

  @Test
  void policySql_fromTheLiveSchema_closesTheRlsHoles() {
    String ddl = IsolationAudit.of(db.adminDataSource()).schemaPolicySql(null);
    assertThat(ddl).contains("on public.p_no_rls").contains("on public.p_joined_sub")
        .contains("on public.tenantry_setting");
  }

  @Test
  void foreignKeyWithoutCompanyId() {
    assertFinding("p_bad_fk", "into tenant table ok_product does not include company_id", "(company_id, product_id)");
  }

  @Test
  void noIndexLeadingWithCompanyId() {
    assertFinding("p_no_index", "no index leads with company_id", "create index on public.p_no_index (company_id);");
  }

  @Test
  void viewWithoutSecurityInvoker() {
    assertFinding("v_leaky", "security_invoker", "set (security_invoker = true)");
  }

  @Test
  void securityDefinerFunction_unlessAllowed() {
    assertFinding("public.f_definer()", "SECURITY DEFINER", "security invoker");
    AuditReport allowed = IsolationAudit.of(db.adminDataSource()).appRole(app.name()).allowSecurityDefiner("f_definer").run();
    assertThat(allowed.findings()).noneMatch(f -> f.object().contains("f_definer"));
  }

  @Test
  void superuserAndBypassRlsRoles() {
    db.execute("create role audit_super superuser; create role audit_bypass bypassrls;");
    try {
      AuditReport asSuper = IsolationAudit.of(db.adminDataSource()).appRole("audit_super").run();
      assertThat(asSuper.findings()).anySatisfy(f -> assertThat(f.problem()).contains("is a superuser"));
      AuditReport asBypass = IsolationAudit.of(db.adminDataSource()).appRole("audit_bypass").run();
      assertThat(asBypass.findings()).anySatisfy(f -> assertThat(f.problem()).contains("BYPASSRLS"));
      assertThat(report.findings()).noneMatch(f -> f.object().startsWith("role "));
    } finally {
      db.execute("drop role audit_super; drop role audit_bypass;");
    }
  }

  @Test
  void onTheRlsDataSource_theSystemLoginIsFoundOut_missingOrBrokenOnesAreReported() {
    AuditReport none = IsolationAudit.of(TenantryRls.dataSource(app.dataSource())).run();
    assertThat(none.warnings()).as("no system login configured").anySatisfy(w -> {
      assertThat(w.object()).isEqualTo("system login");
      assertThat(w.problem()).contains("Tenancy.asSystem work").contains("sees no tenant rows");
    });
    AppRole system = db.createAppRole("audit_sys");
    AuditReport named = IsolationAudit.of(TenantryRls.dataSource(app.dataSource(), system.dataSource())).run();
    assertThat(named.warnings()).noneMatch(w -> w.object().equals("system login"));
    assertFinding(named, "ok_product", "do not name the system login " + system.name(),
        "or current_user = '" + system.name() + "'");
    javax.sql.DataSource broken = new org.postgresql.ds.PGSimpleDataSource() {
      {
        setUrl(db.jdbcUrl());
        setUser("no_such_login_" + System.nanoTime());
      }
    };
    AuditReport unreachable = IsolationAudit.of(TenantryRls.dataSource(app.dataSource(), broken)).run();
    assertFinding(unreachable, "system login", "cannot connect", "create the login");
  }

  static org.hibernate.SessionFactory startHibernate(String auditMode) {
    org.hibernate.cfg.Configuration cfg = new org.hibernate.cfg.Configuration()
        .addAnnotatedClass(io.tenantry.core.model.Company.class);
    io.tenantry.hibernate.TenantryHibernate.settings().forEach((k, v) -> cfg.setProperty(k, String.valueOf(v)));
    cfg.getProperties().put(org.hibernate.cfg.AvailableSettings.JAKARTA_NON_JTA_DATASOURCE,
        TenantryRls.dataSource(app.dataSource()));
    if (auditMode != null) {
      cfg.setProperty(io.tenantry.hibernate.TenantryHibernate.AUDIT_PROPERTY, auditMode);
    }
    return cfg.buildSessionFactory();
  }

  @Test
  void startup_failsFastByDefault_warnStarts_offSkips() {
    Logger log = (Logger) LoggerFactory.getLogger("io.tenantry.hibernate.internal.StartupAudit");
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    log.addAppender(appender);
    try {
      assertThatThrownBy(() -> startHibernate(null).close())
          .hasMessageContaining(report.findings().size() + " findings").hasMessageContaining("p_bad_fk")
          .hasMessageContaining("tenantry.audit.on-startup=warn")
          .satisfies(e -> assertThat(e.getMessage()).as("one line, however often it is wrapped")
              .doesNotContain("\n").doesNotContain("fix:"));
    } finally {
      log.detachAppender(appender);
    }
    assertThat(appender.list).as("the findings are logged once, with their fixes").hasSize(1);
    assertThat(appender.list.get(0).getFormattedMessage()).contains("p_no_rls").contains("fix:")
        .as("no system DataSource: reported at start-up").contains("warning: system login: no system login is configured");
    startHibernate("warn").close();
    startHibernate("off").close();
    assertThatThrownBy(() -> startHibernate("sometimes").close()).hasMessageContaining("fail, warn or off");
  }

  @Test
  void commandLine_exitsNonZeroOnFindings() {
    java.io.StringWriter out = new java.io.StringWriter();
    int code = IsolationAuditCli.run(new String[] {"--url", db.jdbcUrl(), "--user", db.adminUser(), "--password",
        db.adminPassword(), "--app-role", app.name()}, new java.io.PrintWriter(out, true),
        new java.io.PrintWriter(new java.io.StringWriter(), true));
    assertThat(code).isEqualTo(1);
    assertThat(out.toString()).contains("p_no_rls").contains("fix:");
    assertThat(IsolationAuditCli.run(new String[] {"--user", "x"}, new java.io.PrintWriter(new java.io.StringWriter()),
        new java.io.PrintWriter(new java.io.StringWriter()))).isEqualTo(2);
  }

  @Test
  void assertClean_listsEveryFindingWithItsFix() {
    assertThatThrownBy(report::assertClean).isInstanceOf(AssertionError.class)
        .hasMessageContaining("p_no_rls").hasMessageContaining("fix:");
  }
}
