package io.tenantry.examples.pos.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantry.hibernate.TenantryHibernate;
import io.tenantry.hibernate.rls.TenantryRls;
import io.tenantry.spring.registerkey.RegisterKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.orm.jpa.persistenceunit.PersistenceManagedTypesScanner;

/**
 * The committed policy migration is exactly what {@code TenantryRls.policySql} generates from the
 * current mapping. Add or change an entity and this fails until the file is regenerated:
 *
 * <pre>
 * mvn -B -f examples/pos/pom.xml test -Dtest=RowLevelSecurityMigrationTest -Dpos.rls.write=true
 * </pre>
 *
 * The file checked is the newest {@code V*__row_level_security.sql}: the DDL is idempotent (drop and
 * create every policy), so a change is a new migration that repeats it whole. Flyway refuses a changed
 * applied migration, so never edit an older one: copy the newest to the next version, then run the
 * command above and commit the new file. The system login's name is the Flyway placeholder
 * {@code ${system_role}}, filled in from {@code pos.database.system-role}.
 */
class RowLevelSecurityMigrationTest {

  static final Path MIGRATIONS = Path.of("src/main/resources/db/pos");

  @Test
  void committedPolicies_matchTheMapping() throws Exception {
    Path file = newestPolicyMigration();
    String generated;
    try (SessionFactory sessionFactory = mappingOnly()) {
      generated = TenantryRls.mappingPolicySql(sessionFactory, "${system_role}");
    }
    if (Boolean.getBoolean("pos.rls.write")) {
      Files.writeString(file, generated, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(file, StandardCharsets.UTF_8))
        .as("%s differs from what TenantryRls.policySql generates from the mapping now. Regenerate it with\n"
            + "  mvn -B -f examples/pos/pom.xml test -Dtest=RowLevelSecurityMigrationTest -Dpos.rls.write=true\n"
            + "and commit it", file)
        .isEqualTo(generated);
  }

  /** The highest-versioned {@code V<major>_<minor>__row_level_security.sql}. */
  static Path newestPolicyMigration() throws IOException {
    Pattern name = Pattern.compile("V(\\d+)_(\\d+)__row_level_security\\.sql");
    try (Stream<Path> files = Files.list(MIGRATIONS)) {
      return files.filter(f -> name.matcher(f.getFileName().toString()).matches())
          .max(Comparator.comparing((Path f) -> version(name, f, 1)).thenComparing(f -> version(name, f, 2)))
          .orElseThrow(() -> new IllegalStateException("No V*__row_level_security.sql in " + MIGRATIONS));
    }
  }

  private static int version(Pattern name, Path file, int group) {
    Matcher m = name.matcher(file.getFileName().toString());
    if (!m.matches()) {
      throw new IllegalStateException(file.toString());
    }
    return Integer.parseInt(m.group(group));
  }

  /** The application's mapping (Tenantry's model, register keys, the POS entities), without a database. */
  static SessionFactory mappingOnly() {
    List<String> classes = new ArrayList<>(new PersistenceManagedTypesScanner(new DefaultResourceLoader())
        .scan("io.tenantry.core.model", "io.tenantry.examples.pos").getManagedClassNames());
    classes.add(RegisterKey.class.getName());
    StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
        .applySettings(TenantryHibernate.settings())
        .applySetting("hibernate.dialect", "org.hibernate.dialect.PostgreSQLDialect")
        .applySetting("hibernate.boot.allow_jdbc_metadata_access", "false")
        .applySetting("hibernate.hbm2ddl.auto", "none")
        .applySetting(TenantryHibernate.AUDIT_PROPERTY, "off")
        .build();
    MetadataSources sources = new MetadataSources(registry);
    for (String name : classes) {
      try {
        sources.addAnnotatedClass(Class.forName(name));
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
    }
    return sources.buildMetadata().buildSessionFactory();
  }
}
