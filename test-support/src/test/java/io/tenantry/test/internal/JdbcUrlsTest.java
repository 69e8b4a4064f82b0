package io.tenantry.test.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JdbcUrlsTest {

  @Test
  void withDatabase_replacesOnlyTheDatabase() {
    assertThat(JdbcUrls.withDatabase("jdbc:postgresql://127.0.0.1:5432/test", "tenantry_t_x"))
        .isEqualTo("jdbc:postgresql://127.0.0.1:5432/tenantry_t_x");
    assertThat(JdbcUrls.withDatabase("jdbc:postgresql://h1:5432,h2:5433/db?sslmode=require", "other"))
        .isEqualTo("jdbc:postgresql://h1:5432,h2:5433/other?sslmode=require");
    assertThat(JdbcUrls.withDatabase("jdbc:postgresql://localhost", "other"))
        .isEqualTo("jdbc:postgresql://localhost/other");
    assertThat(JdbcUrls.withDatabase("jdbc:postgresql:test", "other")).isEqualTo("jdbc:postgresql:other");
  }

  @Test
  void withoutCredentials_dropsUserAndPassword_soTheyCannotOverrideAnotherLogin() {
    String url = "jdbc:postgresql://localhost:5432/db?user=postgres&sslmode=disable&password=s%26cret";

    assertThat(JdbcUrls.withoutCredentials(url)).isEqualTo("jdbc:postgresql://localhost:5432/db?sslmode=disable");
    assertThat(JdbcUrls.parameters(url)).containsEntry("user", "postgres").containsEntry("password", "s&cret");
  }

  @Test
  void parse_ofAnotherScheme_saysWhatIsExpected() {
    assertThat(JdbcUrls.isPostgres("jdbc:mysql://localhost/db")).isFalse();
    assertThatThrownBy(() -> JdbcUrls.withDatabase("jdbc:mysql://localhost/db", "x"))
        .hasMessageContaining("expected jdbc:postgresql://host:5432/database");
  }
}
