package io.tenantry.hibernate.rls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantry.test.AppRole;
import io.tenantry.test.TenantryPostgres;
import io.tenantry.test.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
    db.execute(resource("db/tenantry/V0_1_0__tenantry_hierarchy.sql"));
    for (String[] t : new String[][] {{"tenantry_company", "COMPANY_ROOT"}, {"tenantry_store", "STORE_ROOT"},
        {"tenantry_register", "STORE"}, {"tenantry_membership", "COMPANY"}, {"tenantry_membership_store", "COMPANY"},
        {"tenantry_setting", "HIERARCHICAL"}}) {
      db.execute(PolicySql.forTable(t[0], TenantTableLevel.valueOf(t[1]), null));
    }
    db.execute("create table ok_product " + TENANT_TABLE + ";"
        + "create table p_no_rls " + TENANT_TABLE + ";"
        + "create table p_no_force " + TENANT_TABLE + ";"
        + "create table p_no_restrictive " + TENANT_TABLE + ";"
        + "create table p_extra_permissive " + TENANT_TABLE + ";"
        + "create table p_owned " + TENANT_TABLE + ";"
        + "create table p_global_sku " + TENANT_TABLE + "; alter table p_global_sku add column sku text unique;"
        + "create table p_bad_fk " + TENANT_TABLE + "; alter table p_bad_fk add column product_id uuid references ok_product (id);"
        + "create table p_no_index (id uuid primary key, company_id uuid not null references tenantry_company (id));"
        + "create table p_joined_sub (id uuid primary key references ok_product (id), extra text);"
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
    db.execute("create policy open_all on p_extra_permissive as permissive for select to public using (true);");
    db.execute("alter table p_owned owner to " + app.name() + ";");
    report = IsolationAudit.of(db.adminDataSource()).appRole(app.name()).run();
  }

  static String resource(String name) throws IOException {
    try (InputStream in = IsolationAuditTest.class.getClassLoader().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static List<AuditFinding> about(String object) {
    return report.findings().stream().filter(f -> f.object().equals(object)).toList();
  }

  static void assertFinding(String object, String problem, String fix) {
    assertThat(about(object)).as(report.toString())
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
    assertThat(about("tenantry_user_account")).as("global table").isEmpty();
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
  void extraPermissivePolicy() {
    assertFinding("p_extra_permissive", "extra permissive policy open_all", "drop policy open_all");
  }

  @Test
  void appRoleOwnsATenantTable() {
    assertFinding("p_owned", "owns the table", "owner to");
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
    String ddl = IsolationAudit.of(db.adminDataSource()).policySql(null);
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
    assertThatThrownBy(() -> startHibernate(null).close())
        .hasMessageContaining("p_no_rls").hasMessageContaining("tenantry.audit.on_startup=warn");
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
