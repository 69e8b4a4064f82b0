package io.tenantry.hibernate.rls;

import static org.assertj.core.api.Assertions.assertThat;
import io.tenantry.hibernate.fixture.Resources;

import io.tenantry.hibernate.TwoCompaniesAccess;
import io.tenantry.test.TenantryPostgres;
import io.tenantry.test.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The way an application adopts Tenantry: Flyway runs the shipped hierarchy schema from
 * {@code classpath:db/tenantry}, the application's own tables, and the policies generated from its
 * mapping as one more migration; Hibernate's schema validation and the isolation audit then pass.
 */
@TenantryPostgres
class FlywayMigrationTest {

  @Test
  void shippedSchema_appTables_generatedPolicies_migrateValidateAndAuditClean(TestDatabase db, @TempDir Path dir)
      throws Exception {
    String policies;
    try (SessionFactory unvalidated = TwoCompaniesAccess.sessionFactory(db.appRole().dataSource(),
        Map.of("hibernate.hbm2ddl.auto", "none"))) {
      policies = TenantryRls.mappingPolicySql(unvalidated, null);
    }
    Files.writeString(dir.resolve("V1_0__app_tables.sql"),
        Resources.text("fixture-schema.sql") + "\n" + Resources.text("fixture-joined-schema.sql"));
    Files.writeString(dir.resolve("V1_1__row_level_security.sql"), policies);

    Flyway flyway = Flyway.configure()
        .dataSource(db.adminDataSource())
        .locations("classpath:db/tenantry", "filesystem:" + dir)
        .load();
    MigrateResult result = flyway.migrate();
    // every library migration (V0_x: the hierarchy, the company status, the (company_id, id) keys) first, then
    // the application's two
    List<String> applied = Arrays.stream(flyway.info().applied()).map(m -> m.getVersion().getVersion()).toList();
    assertThat(applied).startsWith("0.1.0").contains("0.2.0", "0.2.1").endsWith("1.0", "1.1");
    assertThat(result.migrationsExecuted).isEqualTo(applied.size());

    try (SessionFactory validated = TwoCompaniesAccess.sessionFactory(TenantryRls.dataSource(db.appRole().dataSource()),
        Map.of())) {
      assertThat(validated.isOpen()).as("schema validation and the start-up audit passed").isTrue();
    }
    IsolationAudit.of(db.appRole().dataSource()).run().assertClean();
  }

}
