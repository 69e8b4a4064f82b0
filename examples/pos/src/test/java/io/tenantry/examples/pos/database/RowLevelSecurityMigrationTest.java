package io.tenantry.examples.pos.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantry.hibernate.TenantryHibernate;
import io.tenantry.hibernate.rls.TenantryRls;
import io.tenantry.spring.registerkey.RegisterKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * (then commit the file; Flyway refuses a changed applied migration, so on a database that already ran
 * it, add the new policies as a new migration instead). The system login's name is the Flyway
 * placeholder {@code ${system_role}}, filled in from {@code pos.database.system-role}.
 */
class RowLevelSecurityMigrationTest {

  static final Path FILE = Path.of("src/main/resources/db/pos/V1_2__row_level_security.sql");

  @Test
  void committedPolicies_matchTheMapping() throws Exception {
    String generated;
    try (SessionFactory sessionFactory = mappingOnly()) {
      generated = TenantryRls.policySql(sessionFactory, "${system_role}");
    }
    if (Boolean.getBoolean("pos.rls.write")) {
      Files.writeString(FILE, generated, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(FILE, StandardCharsets.UTF_8))
        .as("%s differs from what TenantryRls.policySql generates from the mapping now. Regenerate it with\n"
            + "  mvn -B -f examples/pos/pom.xml test -Dtest=RowLevelSecurityMigrationTest -Dpos.rls.write=true\n"
            + "and commit it", FILE)
        .isEqualTo(generated);
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
