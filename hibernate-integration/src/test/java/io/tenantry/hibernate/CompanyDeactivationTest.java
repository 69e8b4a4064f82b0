package io.tenantry.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import io.tenantry.core.model.Company;
import io.tenantry.hibernate.TenantProvisioning.NewCompany;
import io.tenantry.hibernate.rls.AuditReport;
import io.tenantry.hibernate.rls.IsolationAudit;
import io.tenantry.hibernate.rls.TenantryRoles;
import io.tenantry.test.AppRole;
import io.tenantry.test.TenantryPostgres;
import io.tenantry.test.TestDatabase;
import java.time.ZoneId;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Deactivating and reactivating a company on both walls, with the application role's grants of
 * {@link TenantryRoles}: the status as provisioning writes it and {@link CompanyStatus} answers it
 * (cache, immediate effect in this JVM, bounded delay for changes made elsewhere), and a tenant that
 * tries to reactivate itself through native SQL or HQL: refused by the database, nothing changed.
 */
@TenantryPostgres
class CompanyDeactivationTest {

  static final ZoneId UTC = ZoneId.of("UTC");
  static TestDatabase db;
  static AppRole system;
  static TwoCompaniesAccess world;
  static TenantProvisioning provisioning;

  @BeforeAll
  static void world(TestDatabase database) {
    db = database;
    system = db.createAppRole("tenantry_sys");
    world = TwoCompaniesAccess.createWithRls(db, system);
    db.execute(TenantryRoles.sql(db.appRole().name(), system.name()));
    provisioning = TenantProvisioning.of(world.sf());
  }

  @AfterAll
  static void close() {
    world.close();
  }

  @Test
  void deactivateThenReactivate_seenAtOnceInThisJvm_otherCompaniesUnaffected() {
    NewCompany a = provisioning.createCompany("Deact A", "owner@deact-a.example", null, UTC, "A1");
    NewCompany b = provisioning.createCompany("Deact B", "owner@deact-b.example", null, UTC, "B1");
    CompanyStatus status = CompanyStatus.of(world.sf());
    assertThat(status.isActive(a.companyId())).isTrue();
    assertThat(status.isActive(b.companyId())).isTrue();

    provisioning.deactivateCompany(a.companyId(), "unpaid invoice 42");

    assertThat(status.isActive(a.companyId())).as("the cached 'active' is replaced at once").isFalse();
    assertThatThrownBy(() -> status.requireActive(a.companyId())).isInstanceOf(CompanyDeactivatedException.class)
        .hasMessageContaining(a.companyId().toString()).hasMessageContaining("reactivate");
    assertThat(status.isActive(b.companyId())).isTrue();
    Company seen = world.in(TenantContext.ofCompany(a.companyId()), s -> s.find(Company.class, a.companyId()));
    assertThat(seen.isActive()).isFalse();
    assertThat(seen.getDeactivatedAt()).isNotNull();
    assertThat(seen.getDeactivationReason()).isEqualTo("unpaid invoice 42");
    assertThat(CompanyStatus.withClock(world.sf(), System::nanoTime).isActive(a.companyId()))
        .as("read from the database").isFalse();

    provisioning.reactivateCompany(a.companyId());

    assertThat(status.isActive(a.companyId())).isTrue();
    assertThat(CompanyStatus.withClock(world.sf(), System::nanoTime).isActive(a.companyId())).isTrue();
    Company again = world.in(TenantContext.ofCompany(a.companyId()), s -> s.find(Company.class, a.companyId()));
    assertThat(again.getDeactivatedAt()).isNull();
    assertThat(again.getDeactivationReason()).isNull();
  }

  @Test
  void aChangeMadeElsewhere_isSeenWithinTheCacheTime() {
    NewCompany c = provisioning.createCompany("Elsewhere", "owner@elsewhere.example", null, UTC, "C1");
    AtomicLong now = new AtomicLong();
    CompanyStatus status = CompanyStatus.withClock(world.sf(), now::get);
    assertThat(status.isActive(c.companyId())).isTrue();

    // another JVM deactivates: this one's answer is cached until the cache time has passed
    db.execute("update tenantry_company set deactivated_at = now() where id = '" + c.companyId() + "'");
    now.addAndGet(CompanyStatus.CACHE_TIME.toNanos() - 1);
    assertThat(status.isActive(c.companyId())).isTrue();
    now.addAndGet(1);
    assertThat(status.isActive(c.companyId())).isFalse();

    db.execute("update tenantry_company set deactivated_at = null where id = '" + c.companyId() + "'");
    now.addAndGet(CompanyStatus.CACHE_TIME.toNanos());
    assertThat(status.isActive(c.companyId())).isTrue();
  }

  @Test
  void aTenantCannotReactivateItself_norDeactivateAnother() {
    NewCompany a = provisioning.createCompany("Self A", "owner@self-a.example", null, UTC, "A1");
    NewCompany b = provisioning.createCompany("Self B", "owner@self-b.example", null, UTC, "B1");
    provisioning.deactivateCompany(a.companyId(), null);
    TenantContext ownerA = TenantContext.ofCompany(a.companyId());

    assertThatThrownBy(() -> world.in(ownerA, s -> s.createNativeMutationQuery(
        "update tenantry_company set deactivated_at = null where id = :id").setParameter("id", a.companyId())
        .executeUpdate())).hasStackTraceContaining("permission denied");
    assertThatThrownBy(() -> world.in(ownerA, s -> s.createMutationQuery(
        "update Company c set c.deactivatedAt = null, c.deactivationReason = null where c.id = :id")
        .setParameter("id", a.companyId()).executeUpdate())).hasStackTraceContaining("permission denied");
    assertThatThrownBy(() -> world.in(ownerA, s -> s.createNativeMutationQuery(
        "update tenantry_company set deactivated_at = now() where id = :id").setParameter("id", b.companyId())
        .executeUpdate())).hasStackTraceContaining("permission denied");
    // renaming, the column the application role may update, still works
    world.in(ownerA, s -> {
      s.find(Company.class, a.companyId()).rename("Self A renamed");
      return null;
    });

    assertThat(CompanyStatus.withClock(world.sf(), System::nanoTime).isActive(a.companyId())).isFalse();
    assertThat(CompanyStatus.withClock(world.sf(), System::nanoTime).isActive(b.companyId())).isTrue();
    String name = world.in(ownerA, s -> s.find(Company.class, a.companyId()).getName());
    assertThat(name).isEqualTo("Self A renamed");
    provisioning.reactivateCompany(a.companyId());
  }

  @Test
  void platformWorkOnly_andClearErrors() {
    NewCompany a = provisioning.createCompany("Platform", "owner@platform.example", null, UTC, "P1");
    assertThatThrownBy(() -> Tenancy.run(TenantContext.ofCompany(a.companyId()),
        () -> provisioning.deactivateCompany(a.companyId(), "self")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("platform work");
    UUID none = UUID.randomUUID();
    assertThatThrownBy(() -> provisioning.deactivateCompany(none, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no such company");
    assertThatThrownBy(() -> provisioning.reactivateCompany(none))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no such company");
    assertThatThrownBy(() -> provisioning.deactivateCompany(a.companyId(), "x".repeat(501)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("500");
    assertThat(CompanyStatus.of(world.sf()).isActive(none)).as("an unknown id is not refused here").isTrue();
    assertThat(CompanyStatus.of(world.sf()).isActive(a.companyId())).isTrue();
  }

  @Test
  void theAuditWarnsWhileTheApplicationRoleCanWriteTheStatus() {
    String app = db.appRole().name();
    AuditReport granted = IsolationAudit.of(db.adminDataSource()).appRole(app).run();
    assertThat(granted.warnings()).noneMatch(w -> w.object().equals("tenantry_company"));
    db.execute("grant update on tenantry_company to " + app);
    try {
      AuditReport widened = IsolationAudit.of(db.adminDataSource()).appRole(app).run();
      assertThat(widened.warnings()).anySatisfy(w -> {
        assertThat(w.object()).isEqualTo("tenantry_company");
        assertThat(w.problem()).contains("can update deactivated_at, deactivation_reason")
            .contains("reactivate its own deactivated company");
        assertThat(w.fix()).contains("revoke update on public.tenantry_company from " + app);
      });
    } finally {
      db.execute(TenantryRoles.sql(app, system.name()));
    }
    assertThat(IsolationAudit.of(db.adminDataSource()).appRole(app).run().warnings())
        .noneMatch(w -> w.object().equals("tenantry_company"));
  }
}
