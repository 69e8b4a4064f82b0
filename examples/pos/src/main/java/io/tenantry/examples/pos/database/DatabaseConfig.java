package io.tenantry.examples.pos.database;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Map;
import jakarta.persistence.EntityManagerFactory;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.orm.jpa.JpaTransactionManager;

/**
 * The owner, app and system DataSources and the Flyway set-up (see the package documentation).
 * The pools connect lazily, so the app and system roles need to exist only once Flyway has run.
 * With {@code pos.database.clusters}, the same for every further cluster, and the DataSource routes each company to
 * its cluster ({@link Clusters}).
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfig {

  @Bean(destroyMethod = "close")
  OwnerLogin ownerLogin(Environment env, PosDatabaseProperties properties) {
    String url = env.getProperty("spring.datasource.url");
    if (url == null || url.isBlank()) {
      EmbeddedServer server = EmbeddedServer.start(properties.embeddedDataDirectory(), properties.embeddedPort());
      return new OwnerLogin(server.jdbcUrl(), "postgres", "", server);
    }
    return new OwnerLogin(url, env.getProperty("spring.datasource.username"),
        env.getProperty("spring.datasource.password"), null);
  }

  @Bean
  RoleLogins roleLogins(PosDatabaseProperties properties) {
    return RoleLogins.from(properties);
  }

  /** Migrations only. */
  @Bean(destroyMethod = "close")
  @FlywayDataSource
  HikariDataSource ownerDataSource(OwnerLogin owner) {
    return pool("pos-owner", owner.url(), owner.username(), owner.password(), 4);
  }

  @Bean(destroyMethod = "close")
  HikariDataSource appPool(OwnerLogin owner, RoleLogins logins) {
    return pool("pos-app", owner.url(), logins.appRole(), logins.appPassword(), 10);
  }

  @Bean(destroyMethod = "close")
  HikariDataSource systemPool(OwnerLogin owner, RoleLogins logins) {
    return pool("pos-system", owner.url(), logins.systemRole(), logins.systemPassword(), 3);
  }

  /** The clusters of {@code pos.database.clusters}, with their app and system pools; none by default. */
  @Bean(destroyMethod = "close")
  OtherClusters otherClusters(PosDatabaseProperties properties, RoleLogins logins) {
    return new OtherClusters(properties, logins);
  }

  /** One database, or several clusters with the company directory on the home one. */
  @Bean(destroyMethod = "close")
  Clusters clusters(PosDatabaseProperties properties, RoleLogins logins, OwnerLogin owner,
      @Qualifier("appPool") HikariDataSource app, @Qualifier("systemPool") HikariDataSource system,
      OtherClusters others) {
    if (others.isEmpty()) {
      return new OneCluster();
    }
    return new SeveralClusters(properties, logins, owner.url(), app, system, others);
  }

  /**
   * What JPA and everything else use: the app role, with the tenant set in every transaction
   * ({@code TenantryRls.dataSource(app, system)}); on several clusters the router of {@code tenantry-clusters},
   * which does the same on the cluster of the bound company.
   */
  @Bean
  @Primary
  DataSource dataSource(Clusters clusters, @Qualifier("appPool") HikariDataSource app,
      @Qualifier("systemPool") HikariDataSource system) {
    return clusters.dataSource(app, system);
  }

  /**
   * JPA's transaction manager, which checks a transaction it rolls back for a failure in the database
   * ({@link CheckedRollbacks}): a request whose transaction failed never answers a 4xx.
   */
  @Bean
  JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
    return new CheckedRollbacks(entityManagerFactory);
  }

  /**
   * Migrates, then closes the owner's pool: the owner login (superuser on the embedded server) is for
   * migrations only, and its idle connections would otherwise stay open in the serving application
   * (issue 22, item 6). Requests never use it. Every further cluster is migrated with the same configuration
   * (locations, placeholders, role passwords, out of order) as its own owner login, then the home cluster's
   * companies that the company directory does not know yet are placed there (a deployment that adds a cluster).
   */
  @Bean
  FlywayMigrationStrategy migrateThenCloseOwnerPool(@Qualifier("ownerDataSource") HikariDataSource ownerDataSource,
      OtherClusters others, Clusters clusters) {
    return flyway -> {
      try {
        flyway.migrate();
      } finally {
        ownerDataSource.close();
      }
      for (OtherClusters.Cluster c : others.all()) {
        Flyway.configure(flyway.getConfiguration().getClassLoader()).configuration(flyway.getConfiguration())
            .dataSource(c.owner().url(), c.owner().username(), c.owner().password())
            .load().migrate();
      }
      clusters.placeUnplacedCompanies();
    };
  }

  @Bean
  FlywayConfigurationCustomizer posFlyway(RoleLogins logins) {
    return flyway -> flyway
        .locations("classpath:db/tenantry", "classpath:db/pos")
        .outOfOrder(true) // Tenantry's migrations (V0_x) sort before the POS's: an upgrade adds them out of order
        .placeholders(Map.of("app_role", logins.appRole(), "system_role", logins.systemRole()))
        .callbacks(new RolePasswords(logins))
        .javaMigrations(new CompanyPlacementTable());
  }

  static HikariDataSource pool(String name, String url, String user, String password, int size) {
    HikariDataSource pool = new HikariDataSource(); // not the config constructor: that would connect now
    pool.setPoolName(name);
    pool.setJdbcUrl(url);
    pool.setUsername(user);
    pool.setPassword(password);
    pool.setMaximumPoolSize(size);
    pool.setMinimumIdle(0);
    pool.addDataSourceProperty("ApplicationName", name); // names the pool in pg_stat_activity
    return pool;
  }
}
