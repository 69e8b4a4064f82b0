package io.tenantry.spring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import io.tenantry.hibernate.TenantProvisioning;
import io.tenantry.hibernate.TenantProvisioning.NewCompany;
import io.tenantry.hibernate.rls.IsolationAudit;
import io.tenantry.hibernate.rls.TenantryPolicies;
import io.tenantry.hibernate.rls.TenantryRoles;
import io.tenantry.spring.it.onelogin.OneLoginApp;
import io.tenantry.spring.it.onelogin.Ticket;
import io.tenantry.spring.it.onelogin.TicketRepository;
import io.tenantry.test.TenantryPostgres;
import io.tenantry.test.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One configured login, the owner: Flyway migrates through it (the shipped schema, the application's
 * table, the policy migration generated at build time), the starter then creates the application and
 * system roles and serves through them, so a second company's rows stay out of reach of JPA and of
 * native SQL alike, and system work sees every company.
 */
@TenantryPostgres
@SpringBootTest(classes = OneLoginApp.class, properties = "spring.main.banner-mode=off")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OneLoginTest {

  static final Path POLICIES = Path.of("src/test/resources/it/onelogin/V2__tenantry_policies.sql");
  static TestDatabase db;
  static String appRole;
  static String systemRole;

  @Autowired
  TicketRepository tickets;

  @Autowired
  DataSource dataSource;

  @Autowired
  EntityManagerFactory entityManagerFactory;

  @BeforeAll
  static void database(TestDatabase database) {
    db = database;
    appRole = (db.name() + "_app").toLowerCase(Locale.ROOT);
    systemRole = (db.name() + "_sys").toLowerCase(Locale.ROOT);
  }

  @AfterAll
  static void dropRoles() {
    db.execute("drop owned by " + appRole + ", " + systemRole + "; drop role " + appRole + "; drop role "
        + systemRole);
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    // the one login: the database's owner
    registry.add("spring.datasource.url", () -> db.jdbcUrl());
    registry.add("spring.datasource.username", () -> db.adminUser());
    registry.add("spring.datasource.password", () -> db.adminPassword());
    registry.add("tenantry.rls.one-login.enabled", () -> "true");
    registry.add("spring.flyway.enabled", () -> "true");
    registry.add("spring.flyway.locations", () -> "classpath:db/tenantry,classpath:it/onelogin");
    // role names are cluster-wide: one pair per test database (the defaults are <owner>_app, <owner>_system)
    registry.add("tenantry.rls.one-login.app-role", () -> appRole);
    registry.add("tenantry.rls.system.username", () -> systemRole);
    registry.add("spring.flyway.placeholders.system_role", () -> systemRole);
    registry.add("tenantry.rls.system.maximum-pool-size", () -> "2");
  }

  @Test
  void theCommittedPolicyMigrationIsCurrent() {
    TenantryPolicies.scan("io.tenantry.spring.it.onelogin").systemRole("${system_role}")
        .assertMigrationCurrent(POLICIES);
  }

  @Test
  void servesAsThePlainApplicationRole_andAnotherCompanysRowsStayOutOfReach() {
    // provisioning is system work for the company row: through the system role the starter created
    TenantProvisioning tenants = TenantProvisioning.of(entityManagerFactory);
    NewCompany a = tenants.createCompany("A", "owner@a.example", null, ZoneId.of("UTC"), "A1");
    NewCompany b = tenants.createCompany("B", "owner@b.example", null, ZoneId.of("UTC"), "B1");
    UUID A = a.companyId();
    UUID A1 = a.store("A1");
    UUID B = b.companyId();
    UUID B1 = b.store("B1");
    UUID ticketB = Tenancy.supply(TenantContext.ofStore(B, B1), () -> tickets.save(new Ticket("B's")).getId());
    UUID ticketA = Tenancy.supply(TenantContext.ofStore(A, A1), () -> tickets.save(new Ticket("A's")).getId());

    JdbcTemplate app = new JdbcTemplate(dataSource);
    Map<String, Object> who = Tenancy.supply(TenantContext.ofCompany(A), () -> app.queryForMap(
        "select current_user as name, r.rolsuper, r.rolbypassrls from pg_roles r where r.rolname = current_user"));
    assertThat(who).containsEntry("name", appRole).containsEntry("rolsuper", false).containsEntry("rolbypassrls", false);

    Tenancy.run(TenantContext.ofStore(A, A1), () -> {
      assertThat(tickets.findAll()).extracting(Ticket::getId).contains(ticketA).doesNotContain(ticketB);
      assertThat(tickets.findById(ticketB)).isEmpty();
      // native SQL, which Hibernate never sees: the database's policies answer
      assertThat(app.queryForList("select id from ol_ticket", UUID.class)).contains(ticketA).doesNotContain(ticketB);
      assertThat(app.update("update ol_ticket set note = 'mine' where id = ?", ticketB)).isZero();
    });
    assertThat(app.queryForObject("select count(*) from ol_ticket", Long.class)).as("nothing bound").isZero();

    Map<String, Object> system = Tenancy.asSystem("one-login test: every company", () -> app.queryForMap(
        "select current_user as name, (select count(*) from ol_ticket where id in (?, ?)) as tickets",
        ticketA, ticketB));
    assertThat(system).containsEntry("name", systemRole).containsEntry("tickets", 2L);

    IsolationAudit.of(db.adminDataSource()).appRole(appRole).systemRole(systemRole).run().assertClean();
  }

  @Test
  void theRegisterKeyDirectory_isOutOfTheApplicationRolesReach() {
    // every company's key hashes, without a policy: only the system login reads it (TenantryRoles revokes it)
    JdbcTemplate app = new JdbcTemplate(dataSource);
    UUID company = UUID.randomUUID();
    Tenancy.run(TenantContext.ofCompany(company), () -> {
      assertThatThrownBy(() -> app.queryForList("select key_hash, company from tenantry_register_key_lookup"))
          .rootCause().hasMessageContaining("permission denied for table tenantry_register_key_lookup");
      assertThatThrownBy(() -> app.update("delete from tenantry_register_key_lookup"))
          .rootCause().hasMessageContaining("permission denied for table tenantry_register_key_lookup");
      assertThatThrownBy(() -> app.update("insert into tenantry_register_key_lookup (register_key_id, key_hash, company)"
          + " values (gen_random_uuid(), sha256('forged'::bytea), ?)", company))
          .rootCause().hasMessageContaining("permission denied for table tenantry_register_key_lookup");
    });
    assertThat(IsolationAudit.of(db.adminDataSource()).appRole(appRole).run().warnings())
        .noneMatch(w -> w.object().equals("tenantry_register_key_lookup"));

    db.execute("grant select, delete on tenantry_register_key_lookup to " + appRole);
    try {
      assertThat(IsolationAudit.of(db.adminDataSource()).appRole(appRole).run().warnings()).anySatisfy(w -> {
        assertThat(w.object()).isEqualTo("tenantry_register_key_lookup");
        assertThat(w.problem()).contains("every company's key hashes");
        assertThat(w.fix()).contains("revoke all on public.tenantry_register_key_lookup from " + appRole);
      });
    } finally {
      db.execute(TenantryRoles.sql(appRole, systemRole));
    }
    assertThat(IsolationAudit.of(db.adminDataSource()).appRole(appRole).run().warnings())
        .noneMatch(w -> w.object().equals("tenantry_register_key_lookup"));
  }
}
