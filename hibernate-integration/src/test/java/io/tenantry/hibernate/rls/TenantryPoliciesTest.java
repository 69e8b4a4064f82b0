package io.tenantry.hibernate.rls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tenantry.core.model.Company;
import io.tenantry.hibernate.TwoCompaniesAccess;
import io.tenantry.hibernate.fixture.CardPayment;
import io.tenantry.hibernate.fixture.Payment;
import io.tenantry.hibernate.fixture.PriceOverride;
import io.tenantry.hibernate.fixture.Product;
import io.tenantry.hibernate.fixture.Promotion;
import io.tenantry.hibernate.fixture.Sale;
import io.tenantry.hibernate.rls.child.Article;
import io.tenantry.test.TenantryPostgres;
import io.tenantry.test.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The policy migration from the entity classes alone, at build time: the same text as the generator
 * over a running session factory, Tenantry's own tables included without being named, and the
 * assertion that keeps a committed migration current.
 */
@TenantryPostgres
class TenantryPoliciesTest {

  private static final String SYSTEM = "pos_system";

  @Test
  void fromClassesWithoutADatabase_equalsTheGeneratorOverARunningSessionFactory(TestDatabase db) {
    String offline = TenantryPolicies.of(Product.class, PriceOverride.class, Promotion.class, Sale.class,
        Payment.class, CardPayment.class).systemRole(SYSTEM).sql();

    String running;
    try (SessionFactory sf = TwoCompaniesAccess.sessionFactory(db.appRole().dataSource(),
        Map.of("hibernate.hbm2ddl.auto", "none"))) {
      running = TenantryRls.mappingPolicySql(sf, SYSTEM);
    }
    assertThat(offline).isEqualTo(running);
    // the library's own tables come along although only the application's entities were named
    assertThat(offline).contains("alter table tenantry_company enable row level security",
        "alter table tenantry_store enable", "alter table tenantry_register enable",
        "alter table tenantry_membership enable", "alter table tenantry_membership_store enable",
        "alter table tenantry_setting enable", "on tenantry_user_account", "alter table t_product enable",
        "alter table t_card_payment enable");
  }

  @Test
  void withoutADatabase_hibernateWarnsAboutNothing() {
    Logger hibernate = (Logger) LoggerFactory.getLogger("org.hibernate");
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    hibernate.addAppender(appender);
    try {
      TenantryPolicies.of(Product.class, PriceOverride.class, Promotion.class, Sale.class, Payment.class,
          CardPayment.class).systemRole(SYSTEM).sql();
    } finally {
      hibernate.detachAppender(appender);
    }
    // no "No appropriate connection provider", no "PostgreSQLDialect does not need to be specified explicitly"
    assertThat(appender.list).filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
        .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
  }

  @Test
  void scanningAPackage_findsItsEntitiesAndTheirChildTables() {
    String scanned = TenantryPolicies.scan("io.tenantry.hibernate.rls.child").sql();

    assertThat(scanned).isEqualTo(TenantryPolicies.of(Article.class, io.tenantry.hibernate.rls.child.Label.class,
        io.tenantry.hibernate.rls.child.Shelf.class).sql());
    assertThat(scanned).contains("t_article_tag", "t_article_label", "t_shelf_slot", "tenantry_company");
    assertThat(TenantryPolicies.scan("io.tenantry.hibernate.rls.child").mappedClasses())
        .contains(Company.class, Article.class);
  }

  @Test
  void entitiesInAJar_areFoundAsInADirectory(@TempDir Path dir) throws Exception {
    // the package's class files in a jar as Maven writes one (directory entries included), and a class loader that
    // offers only the jar's copy of the package
    Path jar = dir.resolve("entities.jar");
    Path classes = Path.of(Article.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    String pkg = "io/tenantry/hibernate/rls/child/";
    try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
        var files = Files.list(classes.resolve(pkg))) {
      for (int slash = pkg.indexOf('/'); slash >= 0; slash = pkg.indexOf('/', slash + 1)) {
        out.putNextEntry(new java.util.jar.JarEntry(pkg.substring(0, slash + 1)));
        out.closeEntry();
      }
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        out.putNextEntry(new java.util.jar.JarEntry(pkg + file.getFileName()));
        out.write(Files.readAllBytes(file));
        out.closeEntry();
      }
    }
    ClassLoader jarOnly = new java.net.URLClassLoader(new java.net.URL[] {jar.toUri().toURL()},
        getClass().getClassLoader()) {
      @Override
      public java.util.Enumeration<java.net.URL> getResources(String name) throws java.io.IOException {
        if (!name.startsWith("io/tenantry/hibernate/rls/child")) {
          return super.getResources(name);
        }
        return java.util.Collections.enumeration(java.util.Collections.list(super.getResources(name)).stream()
            .filter(url -> url.getProtocol().equals("jar")).toList());
      }
    };
    assertThat(EntityScan.mappedClasses(jarOnly, "io.tenantry.hibernate.rls.child")).extracting(Class::getSimpleName)
        .containsExactly("Article", "Label", "Shelf");
    assertThat(TenantryPolicies.scan("io.tenantry.hibernate.rls.child").classLoader(jarOnly).sql())
        .isEqualTo(TenantryPolicies.scan("io.tenantry.hibernate.rls.child").sql());
  }

  @Test
  void aPackageWithoutEntities_isAnErrorNamingIt() {
    assertThatThrownBy(() -> TenantryPolicies.scan("com.example.nothing.here").sql())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("com.example.nothing.here has no @Entity");
  }

  @Test
  void assertMigrationCurrent_passesOnTheGeneratedFile_andFailsWithTheDifference(@TempDir Path dir)
      throws Exception {
    TenantryPolicies policies = TenantryPolicies.of(Product.class, PriceOverride.class, Sale.class).systemRole(SYSTEM);
    Path migration = policies.writeTo(dir.resolve("db/migration/V2__tenantry_policies.sql"));
    policies.assertMigrationCurrent(migration);
    // CRLF checkouts are current too
    Files.writeString(migration, Files.readString(migration).replace("\n", "\r\n"));
    policies.assertMigrationCurrent(migration);

    // a new entity since the migration was written: its policies are missing
    TenantryPolicies grown = TenantryPolicies.of(Product.class, PriceOverride.class, Sale.class, Promotion.class)
        .systemRole(SYSTEM);
    assertThatThrownBy(() -> grown.assertMigrationCurrent(migration))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("is not current")
        .hasMessageContaining("--- " + migration)
        .hasMessageContaining("+++ generated")
        .hasMessageContaining("+alter table t_promotion enable row level security;")
        .hasMessageContaining("--system-role " + SYSTEM);

    // an edited policy
    Files.writeString(migration, policies.sql().replace("'" + SYSTEM + "'", "'someone_else'"));
    assertThatThrownBy(() -> policies.assertMigrationCurrent(migration))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("-")
        .hasMessageContaining("current_user = 'someone_else'")
        .hasMessageContaining("current_user = '" + SYSTEM + "'");

    assertThatThrownBy(() -> policies.assertMigrationCurrent(dir.resolve("missing.sql")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("cannot be read")
        .hasMessageContaining("writeTo");
  }

  @Test
  void commandLine_writesThenChecks_andExplainsBadUsage(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("V2__tenantry_policies.sql");
    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();
    String[] select = {"--packages", "io.tenantry.hibernate.rls.child", "--system-role", SYSTEM};

    assertThat(TenantryPolicies.run(concat(select, "--out", out.toString()), new PrintWriter(stdout),
        new PrintWriter(stderr))).isZero();
    assertThat(Files.readString(out)).isEqualTo(
        TenantryPolicies.scan("io.tenantry.hibernate.rls.child").systemRole(SYSTEM).sql());
    assertThat(TenantryPolicies.run(concat(select, "--check", out.toString()), new PrintWriter(stdout),
        new PrintWriter(stderr))).isZero();

    Files.writeString(out, Files.readString(out).replace("t_article_tag", "t_article_tags"));
    StringWriter failure = new StringWriter();
    assertThat(TenantryPolicies.run(concat(select, "--check", out.toString()), new PrintWriter(stdout),
        new PrintWriter(failure))).isEqualTo(1);
    assertThat(failure.toString()).contains("is not current", "+++ generated");

    StringWriter usage = new StringWriter();
    assertThat(TenantryPolicies.run(new String[] {"--system-role", SYSTEM}, new PrintWriter(stdout),
        new PrintWriter(usage))).isEqualTo(2);
    assertThat(usage.toString()).contains("--packages", "usage:");
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
