package io.tenantry.hibernate.rls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantry.test.TenantryMigrations;
import io.tenantry.test.TenantryPostgres;
import io.tenantry.test.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped logins-and-grants SQL, run by the owner after the migrations: the two roles exist as
 * plain logins, can work with the tables and sequences but not the migration history nor the password
 * hashes, running it again changes nothing, and an existing superuser role is refused by name.
 */
@TenantryPostgres
class TenantryRolesTest {

  static TestDatabase db;
  static String app;
  static String system;

  @BeforeAll
  static void migrate(TestDatabase database) {
    db = database;
    app = (db.name() + "_app").toLowerCase(Locale.ROOT);
    system = (db.name() + "_sys").toLowerCase(Locale.ROOT);
    TenantryMigrations.migrate(db.adminDataSource());
    db.execute("create table later_table (id bigserial primary key, note text)");
  }

  @AfterAll
  static void dropRoles() {
    db.execute("drop owned by " + app + ", " + system + "; drop role " + app + "; drop role " + system);
  }

  @Test
  void createsPlainLoginsWithTheGrantsRowLevelSecurityNeeds_andRunsAgainUnchanged() throws Exception {
    String sql = TenantryRoles.sql(app, system);
    db.execute(sql);
    db.execute(sql);
    db.execute("alter role " + app + " password 'app-pw'; alter role " + system + " password 'sys-pw'");

    assertThat(query("select rolsuper or rolbypassrls or rolcreaterole or rolcreatedb from pg_roles "
        + "where rolname = '" + app + "'")).isEqualTo("f");
    assertThat(query("select rolcanlogin from pg_roles where rolname = '" + system + "'")).isEqualTo("t");
    for (String role : new String[] {app, system}) {
      assertThat(query("select has_table_privilege('" + role + "', 'tenantry_company', 'select, insert, update, delete')"))
          .isEqualTo("t");
      assertThat(query("select has_table_privilege('" + role + "', 'later_table', 'insert')")).isEqualTo("t");
      assertThat(query("select has_sequence_privilege('" + role + "', 'later_table_id_seq', 'usage')")).isEqualTo("t");
      assertThat(query("select has_table_privilege('" + role + "', 'flyway_schema_history', "
          + "'select, insert, update, delete')")).isEqualTo("f");
    }
    assertThat(query("select has_column_privilege('" + app + "', 'tenantry_user_account', 'password_hash', 'select')"))
        .isEqualTo("f");
    assertThat(query("select has_column_privilege('" + app + "', 'tenantry_user_account', 'email', 'select')"))
        .isEqualTo("t");
    assertThat(query("select has_column_privilege('" + system + "', 'tenantry_user_account', 'password_hash', "
        + "'select')")).isEqualTo("t");
    // a company's deactivation is the system login's to write; the application role updates the other columns
    for (String column : new String[] {"deactivated_at", "deactivation_reason"}) {
      assertThat(query("select has_column_privilege('" + app + "', 'tenantry_company', '" + column + "', 'update')"))
          .isEqualTo("f");
      assertThat(query("select has_column_privilege('" + system + "', 'tenantry_company', '" + column + "', 'update')"))
          .isEqualTo("t");
    }
    assertThat(query("select has_column_privilege('" + app + "', 'tenantry_company', 'name', 'update')")).isEqualTo("t");

    // the app login connects and works with a table created after the grants (default privileges)
    db.execute("create table even_later (id int primary key)");
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), app, "app-pw"); Statement s = c.createStatement()) {
      s.execute("insert into even_later values (1)");
      assertThatThrownBy(() -> s.executeQuery("select password_hash from tenantry_user_account"))
          .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
      assertThatThrownBy(() -> s.execute("delete from flyway_schema_history"))
          .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
    }
  }

  @Test
  void anExistingSuperuserRole_isRefusedByName() {
    String su = (db.name() + "_su").toLowerCase(Locale.ROOT);
    db.execute("create role " + su + " superuser");
    try {
      assertThatThrownBy(() -> db.execute(TenantryRoles.sql(su, system)))
          .hasStackTraceContaining("Role " + su + " is superuser or BYPASSRLS");
    } finally {
      db.execute("drop role " + su);
    }
  }

  @Test
  void badNames_areRefusedBeforeAnySql() {
    assertThatThrownBy(() -> TenantryRoles.sql("shop app", "shop_system"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lower-case unquoted identifier");
    assertThatThrownBy(() -> TenantryRoles.sql("shop", "shop"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must differ");
  }

  @Test
  void theCommandLine_printsTheSameSql() {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.PrintStream stdout = System.out;
    System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      TenantryRoles.main(new String[] {"shop_app", "shop_system"});
    } finally {
      System.setOut(stdout);
    }
    assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(TenantryRoles.sql("shop_app", "shop_system"));
  }

  private static String query(String sql) throws SQLException {
    try (Connection c = db.adminDataSource().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
