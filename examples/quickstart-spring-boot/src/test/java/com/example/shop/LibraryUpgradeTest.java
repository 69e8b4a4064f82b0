package com.example.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantry.hibernate.TenantProvisioning;
import io.tenantry.test.TenantryPostgres;
import io.tenantry.test.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Upgrading Tenantry under an application that already runs: its database was migrated with the library
 * migrations of the previous release (0.1.0, from the jars in {@code api-baseline/}) and the application's
 * own {@code V1}, {@code V2}. New library migrations carry versions below the application's ({@code V0_x}),
 * so Flyway applies them only with {@code spring.flyway.out-of-order=true}, as this application's
 * {@code application.properties} (and docs/starter.md) say.
 */
@TenantryPostgres
class LibraryUpgradeTest {

  private static final String PREVIOUS_RELEASE = "0.1.0";

  static TestDatabase db;

  @TempDir
  static Path previousRelease;

  @BeforeAll
  static void migratedWithThePreviousRelease(TestDatabase database) throws IOException {
    db = database;
    extractLibraryMigrations(PREVIOUS_RELEASE, previousRelease);
    Flyway.configure().dataSource(db.adminDataSource())
        .locations("filesystem:" + previousRelease, "classpath:db/migration")
        .load().migrate();
  }

  @Test
  void releasedLibraryMigrationsNeverChange() throws IOException {
    Map<String, String> current = currentLibraryMigrations();
    try (var files = Files.list(previousRelease)) {
      for (Path released : files.toList()) {
        String name = released.getFileName().toString();
        assertThat(current).as("the library migration %s of release %s is gone; released migrations stay, "
            + "a change is a new V0_x migration", name, PREVIOUS_RELEASE).containsKey(name);
        assertThat(current.get(name)).as("the library migration %s differs from release %s: Flyway would refuse "
            + "every database migrated with it (checksum); restore it and put the change in a new V0_x migration",
            name, PREVIOUS_RELEASE).isEqualTo(Files.readString(released));
      }
    }
  }

  @Test
  void newLibraryMigrationsNeedOutOfOrder_andTheApplicationStartsWithIt() {
    List<String> pending = new ArrayList<>();
    Flyway strict = Flyway.configure().dataSource(db.adminDataSource())
        .locations("classpath:db/migration", "classpath:db/tenantry").load();
    for (MigrationInfo info : strict.info().all()) {
      if (info.getState() != MigrationState.SUCCESS) {
        pending.add(info.getVersion() + " " + info.getState());
      }
    }
    if (!pending.isEmpty()) {
      // what a user without the setting sees: Flyway's own refusal, which names the fix
      assertThatThrownBy(strict::migrate).hasMessageContaining("outOfOrder");
    }

    // the application as it is configured, on the old database (arguments, so they win over application.properties)
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ShopApplication.class).run(
        "--spring.datasource.url=" + db.jdbcUrl(),
        "--spring.datasource.username=" + db.adminUser(),
        "--spring.datasource.password=" + db.adminPassword(),
        "--server.port=0")) {
      List<String> notApplied = new ArrayList<>();
      for (MigrationInfo info : strict.info().all()) {
        if (info.getState() != MigrationState.SUCCESS && info.getState() != MigrationState.OUT_OF_ORDER) {
          notApplied.add(info.getVersion() + " " + info.getState());
        }
      }
      assertThat(notApplied).as("every migration applied after the upgrade (pending before: %s)", pending).isEmpty();
      // and the upgraded schema serves: a company is created through the library
      TenantProvisioning.of(app.getBean(EntityManagerFactory.class))
          .createCompany("Upgraded", "owner@upgraded.example", null, ZoneId.of("UTC"), "Main St");
    }
  }

  /** The {@code db/tenantry} migrations of a release, from the library jars committed in {@code api-baseline}. */
  private static void extractLibraryMigrations(String version, Path into) throws IOException {
    Path baseline = repositoryRoot().resolve("api-baseline/io/tenantry");
    int found = 0;
    for (String artifact : List.of("tenantry-core", "tenantry-hibernate", "tenantry-spring-boot-starter")) {
      Path jar = baseline.resolve(artifact + "/" + version + "/" + artifact + "-" + version + ".jar");
      try (JarFile file = new JarFile(jar.toFile())) {
        for (JarEntry entry : file.stream().toList()) {
          if (entry.getName().startsWith("db/tenantry/") && entry.getName().endsWith(".sql")) {
            try (InputStream in = file.getInputStream(entry)) {
              Files.copy(in, into.resolve(entry.getName().substring("db/tenantry/".length())));
              found++;
            }
          }
        }
      }
    }
    assertThat(found).as("library migrations in the %s jars under %s", version, baseline).isPositive();
  }

  private static Map<String, String> currentLibraryMigrations() throws IOException {
    Map<String, String> migrations = new TreeMap<>();
    for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:db/tenantry/*.sql")) {
      try (InputStream in = resource.getInputStream()) {
        migrations.put(resource.getFilename(), new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    return migrations;
  }

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("api-baseline"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("api-baseline/ not found above " + Path.of("").toAbsolutePath()
          + ": run this test from the Tenantry repository");
    }
    return dir;
  }
}
