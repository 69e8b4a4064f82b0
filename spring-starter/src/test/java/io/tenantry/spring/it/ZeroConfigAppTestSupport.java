package io.tenantry.spring.it;

import io.tenantry.test.TenantryPostgres;
import io.tenantry.test.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The zero-configuration application ({@code ZeroConfigApp}) on a fresh PostgreSQL database per test class, on a
 * real port: the seeded world and its {@code zc_sale} table, the application connected as the plain application
 * login. Subclasses name the application classes in their own {@code @SpringBootTest} and add properties.
 */
@TenantryPostgres
abstract class ZeroConfigAppTestSupport {

  static TestDatabase db;

  @LocalServerPort
  int port;

  @BeforeAll
  static void database(TestDatabase database) {
    db = database;
    World.create(database, null, "it/schema.sql", "it/seed.sql", "it/zeroconfig.sql");
  }

  @DynamicPropertySource
  static void dataSource(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> db.jdbcUrl());
    registry.add("spring.datasource.username", () -> db.appRole().name());
    registry.add("spring.datasource.password", () -> db.appRole().password());
  }
}
