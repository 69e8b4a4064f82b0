package io.tenantry.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The class path here holds tenantry-core's migrations and two of the test's own, {@code V0_9_9__probe.sql} and
 * {@code V0_10_0__probe_after.sql}, which no list names and which sort the other way round by file name.
 */
@TenantryPostgres
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TenantryMigrationsTest {

  @Test
  @Order(1)
  void migrate_noTenantryMigrationOnTheClassPath_failsNamingTheDependency(TestDatabase db) {
    Thread thread = Thread.currentThread();
    ClassLoader original = thread.getContextClassLoader();
    thread.setContextClassLoader(new HidingDbTenantry(original));
    try {
      assertThatThrownBy(() -> TenantryMigrations.migrate(db.adminDataSource()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("classpath:db/tenantry").hasMessageContaining("io.tenantry:tenantry-core");
    } finally {
      thread.setContextClassLoader(original);
    }
  }

  @Test
  @Order(2)
  void migrate_appliesEveryMigrationOnTheClassPath_inVersionOrder_besideTheTestsOwnTables(TestDatabase db)
      throws SQLException {
    db.execute("create table shop_note (id bigint primary key)");

    List<String> applied = TenantryMigrations.migrate(db.adminDataSource());

    assertThat(applied).startsWith("0.1.0").contains("0.2.0", "0.2.1").endsWith("0.9.9", "0.10.0")
        .isSortedAccordingTo(BY_VERSION).doesNotHaveDuplicates();
    assertThat(column(db, "select version from flyway_schema_history where success and type = 'SQL'"
        + " order by installed_rank")).isEqualTo(applied);
    // the probes ran after core's V0_2_0 (its column was there) and in version order, not in name order
    assertThat(column(db, "select version || ':' || company_columns from tenantry_probe order by step"))
        .containsExactly("0.9.9:1", "0.10.0:0");
    // core's V0_2_1 ran: the hierarchy is keyed by company
    assertThat(column(db, "select pg_get_constraintdef(oid) from pg_constraint where conname = 'tenantry_store_pkey'"))
        .containsExactly("PRIMARY KEY (company_id, id)");

    assertThat(TenantryMigrations.migrate(db.adminDataSource())).as("a second run").isEmpty();
  }

  static final Comparator<String> BY_VERSION = (a, b) -> Arrays.compare(
      Arrays.stream(a.split("\\.")).mapToInt(Integer::parseInt).toArray(),
      Arrays.stream(b.split("\\.")).mapToInt(Integer::parseInt).toArray());

  private static List<String> column(TestDatabase db, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection c = db.adminDataSource().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }

  /** The class path without anything under {@code db/tenantry}, as in a project without tenantry-core. */
  private static final class HidingDbTenantry extends ClassLoader {

    HidingDbTenantry(ClassLoader parent) {
      super(parent);
    }

    @Override
    public URL getResource(String name) {
      return name.startsWith("db/tenantry") ? null : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      return name.startsWith("db/tenantry") ? Collections.emptyEnumeration() : super.getResources(name);
    }
  }
}
