package io.tenantry.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@TenantryPostgres
class AppRoleTest {

  @BeforeAll
  static void schema(TestDatabase db) {
    db.execute("CREATE TABLE item (id bigserial PRIMARY KEY, tenant text NOT NULL, name text NOT NULL);"
        + " INSERT INTO item (tenant, name) VALUES ('acme', 'hammer'), ('globex', 'wrench')");
  }

  @Test
  void appRole_isNeitherSuperuserNorBypassRlsNorOwner(TestDatabase db) throws SQLException {
    AppRole role = db.appRole();

    assertThat(single(role.dataSource(), "SELECT current_user")).isEqualTo(role.name());
    assertThat(single(role.dataSource(), "SELECT current_setting('is_superuser')")).isEqualTo("off");
    assertThat(single(db.adminDataSource(), "SELECT rolsuper || ',' || rolbypassrls || ',' || rolcreatedb || ','"
        + " || rolcreaterole || ',' || rolinherit || ',' || rolcanlogin FROM pg_roles WHERE rolname = '"
        + role.name() + "'")).isEqualTo("false,false,false,false,false,true");
    assertThat(single(db.adminDataSource(), "SELECT tableowner FROM pg_tables WHERE tablename = 'item'"))
        .isEqualTo(db.adminUser())
        .isNotEqualTo(role.name());
    assertThat(single(db.adminDataSource(), "SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner"
        + " WHERE r.rolname = '" + role.name() + "'")).isEqualTo("0");
  }

  @Test
  void appRole_insertsAndSelects_inTablesTheAdminCreated(TestDatabase db) throws SQLException {
    DataSource app = db.appRole().dataSource();

    update(app, "INSERT INTO item (tenant, name) VALUES ('acme', 'saw')");

    assertThat(single(app, "SELECT count(*) FROM item WHERE name = 'saw'")).isEqualTo("1");
  }

  @Test
  void appRole_reachesTablesCreatedAfterIt_throughDefaultPrivileges(TestDatabase db) throws SQLException {
    AppRole role = db.createAppRole("late");
    db.execute("CREATE TABLE later_table (id serial PRIMARY KEY, note text)");

    update(role.dataSource(), "INSERT INTO later_table (note) VALUES ('ok')");

    assertThat(single(role.dataSource(), "SELECT note FROM later_table")).isEqualTo("ok");
  }

  @Test
  void appRole_cannotCreateTablesOrDropTheAdminsTables(TestDatabase db) {
    DataSource app = db.appRole().dataSource();

    assertThatThrownBy(() -> update(app, "CREATE TABLE mine (id int)"))
        .hasMessageContaining("permission denied for schema public");
    assertThatThrownBy(() -> update(app, "DROP TABLE item"))
        .hasMessageContaining("must be owner of table item");
  }

  @Test
  void appRole_isFilteredByRowLevelSecurity_whileTheOwnerIsNot(TestDatabase db) throws SQLException {
    db.execute("CREATE TABLE secret (tenant text NOT NULL, body text NOT NULL);"
        + " INSERT INTO secret VALUES ('acme', 'a'), ('globex', 'g');"
        + " ALTER TABLE secret ENABLE ROW LEVEL SECURITY;"
        + " CREATE POLICY by_tenant ON secret USING (tenant = current_setting('app.tenant', true))");
    DataSource app = db.appRole().dataSource();

    try (Connection connection = app.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("SET app.tenant = 'acme'");
      assertThat(strings(statement, "SELECT body FROM secret")).containsExactly("a");
    }
    assertThat(single(db.adminDataSource(), "SELECT count(*) FROM secret")).isEqualTo("2");
  }

  @Test
  void createAppRole_givesEachRoleItsOwnRandomName(TestDatabase db) {
    AppRole first = db.createAppRole("cashier");
    AppRole second = db.createAppRole("cashier");

    assertThat(first.name()).startsWith("cashier_").isNotEqualTo(second.name());
    assertThat(first.password()).isNotEqualTo(second.password());
    assertThat(first.jdbcUrl()).isEqualTo(db.jdbcUrl());
    assertThat(db.appRole()).isSameAs(db.appRole());
  }

  @Test
  void createAppRole_withPrefixThatIsNotAnIdentifier_saysWhatIsAllowed(TestDatabase db) {
    assertThatThrownBy(() -> db.createAppRole("App; DROP ROLE postgres"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lowercase SQL identifier");
  }

  static String single(DataSource dataSource, String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      List<String> values = strings(statement, sql);
      assertThat(values).hasSize(1);
      return values.get(0);
    }
  }

  static void update(DataSource dataSource, String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static List<String> strings(Statement statement, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }
}
