package io.tenantry.spring.it;

import io.tenantry.spring.it.app.AttackApp;
import io.tenantry.spring.test.TestTokens;
import io.tenantry.test.TenantryPostgres;
import io.tenantry.test.AppRole;
import io.tenantry.test.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The attack application on a fresh PostgreSQL database per test class: schema created by the owner
 * from the two migrations with row-level security on every tenant table, the application connected as
 * a plain role (not owner, not superuser) through the row-level-security DataSource, system access
 * through a second plain login named in the policies, JWTs verified with a generated RSA key and a
 * required issuer. Both walls are up, as in production.
 */
@TenantryPostgres
@SpringBootTest(classes = AttackApp.class, properties = {
    "spring.jpa.hibernate.ddl-auto=validate",
    "spring.mvc.problemdetails.enabled=true",
    "spring.task.execution.pool.core-size=1",
    "spring.task.execution.pool.max-size=1",
    "spring.main.banner-mode=off"})
@AutoConfigureMockMvc
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class AttackAppTestSupport {

  static final String ISSUER = "https://issuer.test";
  static final TestTokens TOKENS = TestTokens.generate(ISSUER);

  static TestDatabase db;
  static AppRole system;

  @Autowired
  MockMvc mvc;

  @BeforeAll
  static void database(TestDatabase database) {
    db = database;
    system = database.createAppRole("tenantry_sys");
    World.create(database, system.name(), "it/schema.sql", "it/seed.sql");
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> db.jdbcUrl());
    registry.add("spring.datasource.username", () -> db.appRole().name());
    registry.add("spring.datasource.password", () -> db.appRole().password());
    registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TOKENS::publicKeyLocation);
    registry.add("tenantry.jwt.issuer", () -> ISSUER);
    registry.add("tenantry.rls.system.username", () -> system.name());
    registry.add("tenantry.rls.system.password", () -> system.password());
  }

  /** The owner's view of the database, for checking that nothing crossed. */
  static JdbcTemplate admin() {
    return new JdbcTemplate(db.adminDataSource());
  }
}
