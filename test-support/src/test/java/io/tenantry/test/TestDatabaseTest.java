package io.tenantry.test;

import static io.tenantry.test.AppRoleTest.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@TenantryPostgres
class TestDatabaseTest {

  private static TestDatabase fromBeforeAll;
  private final TestDatabase fromConstructor;
  private TestDatabase fromBeforeEach;

  TestDatabaseTest(TestDatabase db) {
    this.fromConstructor = db;
  }

  @BeforeAll
  static void rememberBeforeAll(TestDatabase db) {
    fromBeforeAll = db;
  }

  @BeforeEach
  void rememberBeforeEach(TestDatabase db) {
    fromBeforeEach = db;
  }

  @Test
  void parameter_isTheSameDatabaseEverywhereInTheClass(TestDatabase db) {
    assertThat(db).isSameAs(fromBeforeAll).isSameAs(fromConstructor).isSameAs(fromBeforeEach);
  }

  @Test
  void name_isTheCurrentDatabase_ofTheAdminDataSourceAndTheUrl(TestDatabase db) throws SQLException {
    assertThat(db.name()).startsWith("tenantry_t_");
    assertThat(single(db.adminDataSource(), "SELECT current_database()")).isEqualTo(db.name());
    assertThat(single(db.adminDataSource(), "SELECT current_user")).isEqualTo(db.adminUser());
    try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.adminUser(),
        db.adminPassword().isEmpty() ? null : db.adminPassword())) {
      assertThat(connection.getCatalog()).isEqualTo(db.name());
    }
  }

  @Test
  void adminUser_ownsTheDatabase(TestDatabase db) throws SQLException {
    assertThat(single(db.adminDataSource(),
        "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()"))
        .isEqualTo(db.adminUser());
  }

  @Test
  void source_isEnvironment_exactlyWhenTheVariableIsSet(TestDatabase db) {
    boolean configured = isSet(System.getProperty("tenantry.test.jdbc.url"))
        || isSet(System.getenv("TENANTRY_TEST_JDBC_URL"));

    assertThat(db.source() == TestDatabase.Source.ENVIRONMENT).isEqualTo(configured);
  }

  @Test
  void execute_runsSeveralStatements_includingDollarQuotedBodies(TestDatabase db) throws SQLException {
    db.execute("CREATE TABLE counter (n int NOT NULL);\n"
        + "INSERT INTO counter VALUES (1);\n"
        + "CREATE FUNCTION bump() RETURNS int LANGUAGE plpgsql AS $$\n"
        + "BEGIN UPDATE counter SET n = n + 1; RETURN (SELECT n FROM counter); END; $$;\n"
        + "SELECT bump();");

    assertThat(single(db.adminDataSource(), "SELECT n FROM counter")).isEqualTo("2");
  }

  @Test
  void execute_whenSqlFails_reportsSqlStateAndDatabase(TestDatabase db) {
    assertThatThrownBy(() -> db.execute("SELECT * FROM no_such_table"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("42P01")
        .hasMessageContaining(db.name())
        .hasMessageContaining("no_such_table");
  }

  @Nested
  class NestedClass {

    @Test
    void nestedClass_sharesTheEnclosingClassDatabase(TestDatabase db) {
      assertThat(db).isSameAs(fromBeforeAll);
    }
  }

  private static boolean isSet(String value) {
    return value != null && !value.isBlank();
  }
}
