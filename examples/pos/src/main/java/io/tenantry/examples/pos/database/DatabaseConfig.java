package io.tenantry.examples.pos.database;

import com.zaxxer.hikari.HikariDataSource;
import io.tenantry.hibernate.rls.TenantryRls;
import java.util.Map;
import jakarta.persistence.EntityManagerFactory;
import javax.sql.DataSource;
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

  /** What JPA and everything else use: the app role, with the tenant set in every transaction. */
  @Bean
  @Primary
  DataSource dataSource(@Qualifier("appPool") HikariDataSource app, @Qualifier("systemPool") HikariDataSource system) {
    return TenantryRls.dataSource(app, system);
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
   * (issue 22, item 6). Requests never use it.
   */
  @Bean
  FlywayMigrationStrategy migrateThenCloseOwnerPool(@Qualifier("ownerDataSource") HikariDataSource ownerDataSource) {
    return flyway -> {
      try {
        flyway.migrate();
      } finally {
        ownerDataSource.close();
      }
    };
  }

  @Bean
  FlywayConfigurationCustomizer posFlyway(RoleLogins logins) {
    return flyway -> flyway
        .locations("classpath:db/tenantry", "classpath:db/pos")
        .outOfOrder(true) // Tenantry's migrations (V0_x) sort before the POS's: an upgrade adds them out of order
        .placeholders(Map.of("app_role", logins.appRole(), "system_role", logins.systemRole()))
        .callbacks(new RolePasswords(logins));
  }

  private static HikariDataSource pool(String name, String url, String user, String password, int size) {
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
