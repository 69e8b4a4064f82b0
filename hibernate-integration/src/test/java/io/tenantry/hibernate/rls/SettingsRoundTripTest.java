package io.tenantry.hibernate.rls;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import io.tenantry.test.DriverRoundTrips;
import io.tenantry.test.TenantryPostgres;
import io.tenantry.test.TestDatabase;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The settings travel with the first prepared statement of each transaction (and with every
 * auto-commit statement) instead of costing a round trip of their own; the driver below the RLS
 * DataSource records what it is asked to prepare, so the test sees every statement sent.
 */
@TenantryPostgres
class SettingsRoundTripTest {

  static final UUID A = UUID.randomUUID();
  static final UUID B = UUID.randomUUID();
  static final List<String> prepared = new ArrayList<>();
  /** Parameters bound on the driver's prepared statements: "plain|twin setX index". */
  static final List<String> binds = new ArrayList<>();
  static DataSource rls;

  @BeforeAll
  static void schema(TestDatabase db) {
    db.execute("create table t_item (id uuid primary key, company_id uuid not null, sku text not null,"
        + " unique (company_id, sku));"
        + "insert into t_item values (gen_random_uuid(), '" + A + "', 'a1'), (gen_random_uuid(), '" + A + "', 'a2'),"
        + " (gen_random_uuid(), '" + B + "', 'b1');");
    db.execute(PolicySql.forTable("t_item", TenantTableLevel.COMPANY, null));
    DataSource app = db.appRole().dataSource();
    DataSource recording = (DataSource) Proxy.newProxyInstance(SettingsRoundTripTest.class.getClassLoader(),
        new Class<?>[] {DataSource.class}, (p, m, args) -> {
          Object result = m.invoke(app, args);
          if (!(result instanceof Connection)) {
            return result;
          }
          Connection c = (Connection) result;
          return Proxy.newProxyInstance(SettingsRoundTripTest.class.getClassLoader(), new Class<?>[] {Connection.class},
              (cp, cm, cargs) -> {
                if (cm.getName().startsWith("prepare") || cm.getName().equals("createStatement")) {
                  prepared.add(cargs == null ? "<statement>" : (String) cargs[0]);
                }
                Object r = invoke(cm, c, cargs);
                if (!(r instanceof PreparedStatement)) {
                  return r;
                }
                String which = ((String) cargs[0]).startsWith(RlsSettings.APPLY_SQL + ";") ? "twin" : "plain";
                return Proxy.newProxyInstance(SettingsRoundTripTest.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class}, (sp, sm, sargs) -> {
                      if (sm.getName().startsWith("set") && sargs != null && sargs[0] instanceof Integer) {
                        binds.add(which + " " + sm.getName() + " " + sargs[0]);
                      }
                      return invoke(sm, r, sargs);
                    });
              });
        });
    rls = TenantryRls.dataSource(recording);
  }

  static Object invoke(java.lang.reflect.Method m, Object target, Object[] args) throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @BeforeEach
  void reset() {
    prepared.clear();
    binds.clear();
  }

  static long count(Connection c, String sku) throws Exception {
    try (PreparedStatement ps = c.prepareStatement("select count(*) from t_item where sku like ?")) {
      ps.setString(1, sku);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  static long standalone() {
    return prepared.stream().filter(RlsSettings.APPLY_SQL::equals).count();
  }

  static long piggybacked() {
    return prepared.stream().filter(s -> s.startsWith(RlsSettings.APPLY_SQL + ";")).count();
  }

  @Test
  void transaction_settingsRideOnTheFirstStatement_only() throws Exception {
    Tenancy.run(TenantContext.ofCompany(A), () -> {
      try (Connection c = rls.getConnection()) {
        c.setAutoCommit(false);
        assertThat(count(c, "%")).isEqualTo(2);
        assertThat(count(c, "a%")).isEqualTo(2);
        assertThat(count(c, "b%")).isZero();
        c.commit();
        assertThat(count(c, "%")).as("next transaction carries them again").isEqualTo(2);
        c.commit();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(standalone()).isZero();
    assertThat(piggybacked()).isEqualTo(2);
  }

  @Test
  void autoCommit_everyStatementCarriesThem_andNothingSurvives() throws Exception {
    try (Connection c = rls.getConnection()) {
      assertThat(Tenancy.call(TenantContext.ofCompany(B), () -> count(c, "%"))).isEqualTo(1);
      assertThat(Tenancy.call(TenantContext.ofCompany(A), () -> count(c, "%"))).isEqualTo(2);
      assertThat(count(c, "%")).as("nothing bound").isZero();
    }
    assertThat(standalone()).isZero();
    assertThat(piggybacked()).isEqualTo(3);
  }

  @Test
  void tenantChangedInsideTransaction_statementCarriesTheNewOne() throws Exception {
    try (Connection c = rls.getConnection()) {
      c.setAutoCommit(false);
      assertThat(Tenancy.call(TenantContext.ofCompany(A), () -> count(c, "%"))).isEqualTo(2);
      assertThat(Tenancy.call(TenantContext.ofCompany(B), () -> count(c, "%"))).isEqualTo(1);
      c.rollback();
    }
  }

  @Test
  void eachParameter_isBoundOnce_toTheStatementThatRuns() throws Exception {
    Tenancy.run(TenantContext.ofCompany(A), () -> {
      try (Connection c = rls.getConnection()) {
        c.setAutoCommit(false);
        assertThat(count(c, "a%")).isEqualTo(2);
        assertThat(binds).as("first of the transaction: the twin, settings at 1-4, the parameter shifted")
            .containsExactly("twin setString 1", "twin setString 2", "twin setString 3", "twin setString 4",
                "twin setString 5");
        binds.clear();
        assertThat(count(c, "%")).isEqualTo(2);
        assertThat(binds).as("settings in force: the driver's statement only").containsExactly("plain setString 1");
        c.commit();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  @Test
  void firstStatementOfTransaction_isOneRoundTrip() throws Exception {
    Tenancy.run(TenantContext.ofCompany(A), () -> {
      try (Connection c = rls.getConnection()) {
        c.setAutoCommit(false);
        for (int i = 0; i < 8; i++) { // from the sixth on, server-prepared statements
          long[] answer = new long[2];
          assertThat(DriverRoundTrips.count(() -> answer[0] = count(c, "a%"))).as("query, run %d", i)
              .isEqualTo(1);
          c.commit();
          try (PreparedStatement ps = c.prepareStatement("update t_item set sku = sku where sku like ?")) {
            ps.setString(1, "a%");
            assertThat(DriverRoundTrips.count(() -> answer[1] = ps.executeUpdate())).as("update, run %d", i)
                .isEqualTo(1);
          }
          c.commit();
          assertThat(answer).containsExactly(2, 2);
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(standalone()).isZero();
  }

  /**
   * The driver's limit, pinned so that a driver upgrade that lifts it is noticed: once it has
   * described a statement (it does when a parameter's type is left to the server, as
   * {@code setTimestamp} does) and cannot bound the size of its result row ({@code text}, or
   * {@code numeric} without precision), it reads the settings' answer before sending the statement.
   */
  @Test
  void describedStatementWithUnboundedResult_theDriverSplitsTheRoundTrip() throws Exception {
    List<Integer> seen = new ArrayList<>();
    Tenancy.run(TenantContext.ofCompany(A), () -> {
      try (Connection c = rls.getConnection();
          PreparedStatement ps = c.prepareStatement("select sku from t_item where now() > ?")) {
        c.setAutoCommit(false);
        for (int i = 0; i < 10; i++) {
          ps.setTimestamp(1, new java.sql.Timestamp(0));
          seen.add(DriverRoundTrips.count(() -> {
            try (ResultSet rs = ps.executeQuery()) {
              int rows = 0;
              while (rs.next()) {
                rows++;
              }
              assertThat(rows).isEqualTo(2);
            }
          }));
          c.commit();
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(seen).as("round trips per execution; the sixth is the first on a described, server-prepared"
        + " statement").containsExactly(1, 1, 1, 1, 1, 2, 2, 2, 2, 2);
  }

  @Test
  void reusedStatement_withNewParameters_isCorrect() throws Exception {
    Tenancy.run(TenantContext.ofCompany(A), () -> {
      try (Connection c = rls.getConnection();
          PreparedStatement ps = c.prepareStatement("select count(*) from t_item where sku = ?")) {
        for (int i = 0; i < 20; i++) {
          ps.setString(1, i % 2 == 0 ? "a1" : "b1");
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            assertThat(rs.getLong(1)).as("run %d", i).isEqualTo(i % 2 == 0 ? 1 : 0);
          }
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  @Test
  void plainStatementsAndUpdates_stillWork() throws Exception {
    Tenancy.run(TenantContext.ofCompany(A), () -> {
      try (Connection c = rls.getConnection(); Statement st = c.createStatement()) {
        assertThat(st.executeUpdate("update t_item set sku = sku")).isEqualTo(2);
        try (PreparedStatement ps = c.prepareStatement("update t_item set sku = sku where sku = ?")) {
          ps.setString(1, "b1");
          assertThat(ps.executeUpdate()).as("B's row is invisible").isZero();
          ps.setString(1, "a1");
          assertThat(ps.executeUpdate()).isEqualTo(1);
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }
}
