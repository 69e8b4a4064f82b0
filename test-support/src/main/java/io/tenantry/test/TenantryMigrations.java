package io.tenantry.test;

import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Tenantry's own schema for a test database: runs Flyway over {@value #LOCATION}, so the database gets every library
 * migration on the class path (tenantry-core's hierarchy, and the starter's register keys when the starter is there
 * too), in version order, whatever versions the class path's Tenantry has. A test that lists the files one by one
 * instead keeps its old schema silently when a release adds one.
 *
 * <pre>{@code
 * @BeforeAll
 * static void schema(TestDatabase db) {
 *   TenantryMigrations.migrate(db.adminDataSource());
 *   db.execute("create table sale (...)");
 * }
 * }</pre>
 *
 * <p>An application whose tests run its own Flyway migrations already has them when its locations include
 * {@value #LOCATION}; this is for tests that build the rest of the schema themselves.
 */
public final class TenantryMigrations {

  /** Where Tenantry's jars put their migrations ({@code V0_x__*.sql}), as a Flyway location. */
  public static final String LOCATION = "classpath:db/tenantry";

  private TenantryMigrations() {}

  /**
   * Applies the library migrations on the class path that the database lacks, in version order, as Flyway does
   * (history in {@code flyway_schema_history}). Run it as the login that should own Tenantry's tables. The schema
   * may already hold tables of the test's own: Flyway then records a baseline {@code 0} first.
   *
   * @param owner connects as the owner of the schema, for example {@link TestDatabase#adminDataSource()}
   * @return the versions applied now, in the order they ran ({@code 0.1.0}, {@code 0.2.0}, ...); empty when the
   *     database was up to date
   * @throws IllegalStateException if the class path has no Tenantry migration (no tenantry-core)
   * @throws org.flywaydb.core.api.FlywayException if a migration fails or is misnamed
   */
  public static List<String> migrate(DataSource owner) {
    Flyway flyway = Flyway.configure()
        .dataSource(owner)
        .locations(LOCATION)
        // a misnamed file would otherwise be skipped without a word
        .validateMigrationNaming(true)
        // a class path that gains a lower version (the starter's V0_1_1 beside core's V0_2_x) applies it too
        .outOfOrder(true)
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load();
    if (flyway.info().all().length == 0) {
      throw new IllegalStateException("No Tenantry migration on the class path (" + LOCATION + "): add the "
          + "dependency io.tenantry:tenantry-core, which ships them (tenantry-hibernate and the starter bring it).");
    }
    return flyway.migrate().migrations.stream().map(m -> m.version).toList();
  }
}
