package io.tenantry.hibernate.rls;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantry.test.AppRole;
import io.tenantry.test.TenantryPostgres;
import io.tenantry.test.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generated policy condition, evaluated by PostgreSQL for every combination of settings and row
 * values and compared with the rule written out plainly ({@link #visible}). The condition is written
 * for speed (one sub-select per setting group); this is what says it still means what it should,
 * including failing closed for unset, empty and unknown settings.
 */
@TenantryPostgres
class PolicyConditionTest {

  static final String A = "0a000000-0000-0000-0000-000000000001";
  static final String B = "0b000000-0000-0000-0000-000000000002";
  static final String S1 = "05000000-0000-0000-0000-000000000011";
  static final String S2 = "05000000-0000-0000-0000-000000000012";
  static final String S3 = "05000000-0000-0000-0000-000000000013";
  static final String R1 = "07000000-0000-0000-0000-000000000021";
  static final String R2 = "07000000-0000-0000-0000-000000000022";
  static final String OTHER_ID = "0f000000-0000-0000-0000-0000000000ff";

  record Settings(String company, String stores, String allStores, String register) {}

  record Row(String company, String store, String register) {}

  static TestDatabase db;

  @BeforeAll
  static void setUp(TestDatabase database) {
    db = database;
  }

  static List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    for (String company : List.of(A, B)) {
      for (String store : Arrays.asList(null, S1, S2)) {
        for (String register : Arrays.asList(null, R1)) {
          rows.add(new Row(company, store, register));
        }
      }
    }
    return rows;
  }

  /** The rule: the bound company; a listed store or every store; the bound register or any. */
  static boolean visible(TenantTableLevel level, Settings s, Row r) {
    if (s.company() == null || s.company().isEmpty() || !s.company().equals(r.company())) {
      return false;
    }
    if (level == TenantTableLevel.COMPANY_ROOT || level == TenantTableLevel.COMPANY) {
      return true;
    }
    boolean storeOk = level == TenantTableLevel.HIERARCHICAL && r.store() == null
        || r.store() != null && ("on".equals(s.allStores())
            || s.stores() != null && Arrays.asList(s.stores().split(",")).contains(r.store()));
    if (level == TenantTableLevel.STORE_ROOT || level == TenantTableLevel.STORE) {
      return storeOk;
    }
    boolean registerOk = level == TenantTableLevel.HIERARCHICAL && r.register() == null
        || s.register() == null || s.register().isEmpty() || s.register().equals(r.register());
    return storeOk && registerOk;
  }

  /** One query per level: the condition over every row, in {@link #rows()} order. */
  static List<Boolean> evaluate(Connection c, TenantTableLevel level, List<Row> rows) throws SQLException {
    StringJoiner values = new StringJoiner(", ");
    int n = 0;
    for (Row r : rows) {
      String id = level == TenantTableLevel.COMPANY_ROOT ? r.company()
          : level == TenantTableLevel.STORE_ROOT ? r.store() : OTHER_ID;
      values.add("(" + uuid(r.company()) + ", " + uuid(r.store()) + ", " + uuid(r.register()) + ", " + uuid(id)
          + ", " + n++ + ")");
    }
    String sql = "select coalesce(" + PolicySql.condition(level, null) + ", false) from (values " + values
        + ") t(company_id, store_id, register_id, id, n) order by n";
    List<Boolean> result = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        result.add(rs.getBoolean(1));
      }
    }
    return result;
  }

  static String uuid(String value) {
    return value == null ? "null::uuid" : "'" + value + "'::uuid";
  }

  @Test
  void everyCombinationOfSettingsAndRow_matchesTheRule() throws Exception {
    List<Row> rows = rows();
    int checked = 0;
    try (Connection c = db.appRole().dataSource().getConnection()) {
      c.setAutoCommit(false);
      for (String company : List.of("", A)) {
        for (String stores : List.of("", S1, S1 + "," + S2, S3)) {
          for (String all : List.of("", "on", "off")) {
            for (String register : List.of("", R1, R2)) {
              Settings s = new Settings(company, stores, all, register);
              try (PreparedStatement ps = c.prepareStatement(RlsSettings.APPLY_SQL)) {
                ps.setString(1, company);
                ps.setString(2, stores);
                ps.setString(3, all);
                ps.setString(4, register);
                ps.execute();
              }
              for (TenantTableLevel level : TenantTableLevel.values()) {
                List<Boolean> actual = evaluate(c, level, rows);
                for (int i = 0; i < rows.size(); i++) {
                  if (level == TenantTableLevel.STORE_ROOT && rows.get(i).store() == null) {
                    continue; // a store's own id is its primary key
                  }
                  assertThat(actual.get(i)).as("%s, %s, %s", level, s, rows.get(i))
                      .isEqualTo(visible(level, s, rows.get(i)));
                  checked++;
                }
              }
              c.rollback();
            }
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(72 * 50);
  }

  @Test
  void settingsNeverSetInTheSession_matchNothing() throws Exception {
    // a new session, not a pooled one: once set, even transaction-locally, a setting reads '' after
    AppRole role = db.appRole();
    try (Connection c = DriverManager.getConnection(role.jdbcUrl(), role.name(), role.password());
        Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("select current_setting('" + RlsSettings.COMPANY + "', true) is null,"
          + " current_setting('" + RlsSettings.STORES + "', true) is null,"
          + " current_setting('" + RlsSettings.ALL_STORES + "', true) is null,"
          + " current_setting('" + RlsSettings.REGISTER + "', true) is null")) {
        rs.next();
        for (int i = 1; i <= 4; i++) {
          assertThat(rs.getBoolean(i)).as("setting %d unset in a new session", i).isTrue();
        }
      }
      for (TenantTableLevel level : TenantTableLevel.values()) {
        assertThat(evaluate(c, level, rows())).as(level.name()).containsOnly(false);
      }
    }
  }
}
