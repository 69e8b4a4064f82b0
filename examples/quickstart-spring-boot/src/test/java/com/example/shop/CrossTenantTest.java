package com.example.shop;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantry.spring.test.TestTokens;
import io.tenantry.spring.test.TwoCompanies;
import jakarta.persistence.EntityManagerFactory;
import io.tenantry.test.TenantryPostgres;
import io.tenantry.test.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The first cross-tenant test: a fresh database, the application started with its one login, two companies
 * from the {@link TwoCompanies} fixture, a sale created by company A's cashier, and company B's owner asking
 * for it.
 */
@TenantryPostgres
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CrossTenantTest {

  static final TestTokens TOKENS = TestTokens.generate("https://issuer.test");
  static TestDatabase db;

  @Autowired
  EntityManagerFactory entityManagerFactory;

  @LocalServerPort
  int port;

  @BeforeAll
  static void database(TestDatabase database) {
    db = database;
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    // the test database and its owner instead of localhost/shop; everything else is application.properties
    registry.add("spring.datasource.url", () -> db.jdbcUrl());
    registry.add("spring.datasource.username", () -> db.adminUser());
    registry.add("spring.datasource.password", () -> db.adminPassword());
  }

  /** Tokens signed by the test's key instead of the identity provider's (Boot's decoder backs off). */
  @TestConfiguration
  static class TestIssuer {
    @Bean
    JwtDecoder jwtDecoder() {
      NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(TOKENS.publicKey()).build();
      decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(TOKENS.issuer()));
      return decoder;
    }
  }

  @Test
  void companyBCannotSeeCompanyAsSale() throws Exception {
    TwoCompanies two = TwoCompanies.create(entityManagerFactory); // owners, stores, a register each

    HttpResponse<String> created = send(HttpRequest.newBuilder(uri("/sales"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("12.50")), two.a().cashierToken(TOKENS));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = created.body().replaceAll(".*\"id\"\\s*:\\s*\"([0-9a-f-]{36})\".*", "$1");

    assertThat(send(HttpRequest.newBuilder(uri("/sales/" + id)), two.a().ownerToken(TOKENS)).statusCode()).isEqualTo(200);
    assertThat(send(HttpRequest.newBuilder(uri("/sales/" + id)), two.b().ownerToken(TOKENS)).statusCode()).isEqualTo(404);
    assertThat(send(HttpRequest.newBuilder(uri("/sales")), two.b().ownerToken(TOKENS)).body()).doesNotContain(id);
    // the sale exists: B's 404 is isolation, not a missing row
    assertThat(new JdbcTemplate(db.adminDataSource()).queryForObject("select count(*) from sale where id = ?::uuid", Long.class, id)).isOne();
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request, String token) throws Exception {
    return HttpClient.newHttpClient().send(request.header("Authorization", "Bearer " + token).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
