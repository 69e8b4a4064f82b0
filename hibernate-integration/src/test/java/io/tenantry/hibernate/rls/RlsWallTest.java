package io.tenantry.hibernate.rls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import io.tenantry.test.AppRole;
import io.tenantry.test.TenantryPostgres;
import io.tenantry.test.TestDatabase;
import java.sql.Array;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * Issue 18, items 2 to 5, attempted as an attacker would against a second company: savepoints,
 * auto-commit statements the driver splits, state left on a pooled connection, and driver objects
 * reached from wrapped ones. Company A has 4 rows, company B 3, so a count names whose rows were seen.
 */
@TenantryPostgres
class RlsWallTest {

  static final UUID A = UUID.randomUUID();
  static final UUID B = UUID.randomUUID();
  static final TenantContext AS_A = TenantContext.ofCompany(A);
  static final TenantContext AS_B = TenantContext.ofCompany(B);

  static TestDatabase db;
  static DataSource rls;
  static HikariDataSource poolOfOne;
  static DataSource rlsPoolOfOne;

  @BeforeAll
  static void setUp(TestDatabase database) {
    db = database;
    db.execute("create table t_wall (id bigserial primary key, company_id uuid not null, name text not null,"
        + " at timestamptz not null default now())");
    db.execute("insert into t_wall (company_id, name) select '" + A + "', 'a' || g from generate_series(1, 4) g;"
        + "insert into t_wall (company_id, name) select '" + B + "', 'b' || g from generate_series(1, 3) g");
    db.execute(PolicySql.forTable("t_wall", TenantTableLevel.COMPANY, null));
    AppRole role = db.appRole();
    db.execute("grant temporary on database " + db.name() + " to " + role.name()); // the attack needs TEMP
    rls = TenantryRls.dataSource(role.dataSource());
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(role.jdbcUrl());
    config.setUsername(role.name());
    config.setPassword(role.password());
    config.setMaximumPoolSize(1);
    config.setMinimumIdle(0);
    poolOfOne = new HikariDataSource(config);
    rlsPoolOfOne = TenantryRls.dataSource(poolOfOne);
  }

  @AfterAll
  static void close() {
    poolOfOne.close();
  }

  interface SqlCall<T> {
    T call() throws SQLException;
  }

  static <T> T as(TenantContext tenant, SqlCall<T> work) throws SQLException {
    try {
      return Tenancy.call(tenant, work::call);
    } catch (SQLException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static int count(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select count(*) from t_wall");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }

  static int countPlain(Connection c) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select count(*) from t_wall")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  static int rowsOf(UUID company) throws SQLException {
    try (Connection c = db.adminDataSource().getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select count(*) from t_wall where company_id = '" + company + "' and name not like '%!'")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  // ---- item 2: savepoints ------------------------------------------------------------------------

  @Test
  void rollbackToSavepoint_afterATenantSwitch_theOtherTenantSeesOnlyItsOwnRows() throws Exception {
    try (Connection c = rls.getConnection()) {
      c.setAutoCommit(false);
      assertThat(as(AS_A, () -> count(c))).isEqualTo(4);
      Savepoint sp = c.setSavepoint();
      assertThat(as(AS_B, () -> count(c))).isEqualTo(3);
      c.rollback(sp);
      assertThat(as(AS_B, () -> count(c))).as("B after the rollback to the savepoint").isEqualTo(3);
      assertThat(as(AS_B, () -> countPlain(c))).isEqualTo(3);
      int updated = as(AS_B, () -> {
        try (PreparedStatement ps = c.prepareStatement("update t_wall set name = name || '!'")) {
          return ps.executeUpdate();
        }
      });
      assertThat(updated).as("B's update touches B's rows only").isEqualTo(3);
      try (Connection admin = db.adminDataSource().getConnection(); Statement st = admin.createStatement();
          ResultSet rs = st.executeQuery("select count(*) from t_wall where name like '%!'")) {
        rs.next();
        assertThat(rs.getInt(1)).as("nothing committed yet").isZero();
      }
      c.rollback();
    }
    assertThat(rowsOf(A)).isEqualTo(4);
  }

  @Test
  void rollbackToSavepoint_sameTenant_stillSeesItsRows_andMayInsert() throws Exception {
    try (Connection c = rls.getConnection()) {
      c.setAutoCommit(false);
      Savepoint sp = c.setSavepoint("before_anything");
      assertThat(as(AS_A, () -> count(c))).isEqualTo(4);
      c.rollback(sp);
      assertThat(as(AS_A, () -> count(c))).as("the rollback undid the settings; they are carried again")
          .isEqualTo(4);
      int inserted = as(AS_A, () -> {
        try (PreparedStatement ps = c.prepareStatement("insert into t_wall (company_id, name) values (?, 'x')")) {
          ps.setObject(1, A);
          return ps.executeUpdate();
        }
      });
      assertThat(inserted).isEqualTo(1);
      c.rollback();
    }
  }

  @Test
  void releaseSavepoint_keepsTheSettings_andNestedSavepointsUnwindInOrder() throws Exception {
    try (Connection c = rls.getConnection()) {
      c.setAutoCommit(false);
      assertThat(as(AS_A, () -> count(c))).isEqualTo(4);
      Savepoint outer = c.setSavepoint();
      assertThat(as(AS_B, () -> count(c))).isEqualTo(3);
      Savepoint inner = c.setSavepoint();
      assertThat(as(AS_A, () -> count(c))).isEqualTo(4);
      c.releaseSavepoint(inner); // A's settings stay in force
      assertThat(as(AS_A, () -> count(c))).isEqualTo(4);
      assertThat(as(AS_B, () -> count(c))).isEqualTo(3);
      c.rollback(outer); // back to A's
      assertThat(as(AS_B, () -> count(c))).isEqualTo(3);
      assertThat(as(AS_A, () -> count(c))).isEqualTo(4);
      assertThat(count(c)).as("nothing bound").isZero();
      c.rollback();
    }
  }

  @Test
  void savepointsSentAsSql_areFollowedToo() throws Exception {
    try (Connection c = rls.getConnection(); Statement st = c.createStatement()) {
      c.setAutoCommit(false);
      assertThat(as(AS_A, () -> count(c))).isEqualTo(4);
      st.execute("savepoint s1");
      assertThat(as(AS_B, () -> count(c))).isEqualTo(3);
      try (PreparedStatement rollbackTo = c.prepareStatement("/* undo */ ROLLBACK TO SAVEPOINT s1")) {
        rollbackTo.execute();
      }
      assertThat(as(AS_B, () -> count(c))).isEqualTo(3);
      st.execute("savepoint s2");
      assertThat(as(AS_A, () -> count(c))).isEqualTo(4);
      st.execute("rollback to s2");
      assertThat(as(AS_A, () -> count(c))).isEqualTo(4);
      assertThatThrownBy(() -> as(AS_B, () -> st.execute("rollback to savepoint s1; select count(*) from t_wall")))
          .as("SQL after a rollback in the same string would run under the reverted settings")
          .isInstanceOf(SQLException.class).hasMessageContaining("as a statement of its own");
      c.rollback();
    }
  }

  // ---- item 3: auto-commit statements the driver splits ----------------------------------------

  @Test
  void autoCommit_describedStatementWithUnboundedResult_keepsTheTenantOnEveryExecution() throws Exception {
    List<Integer> rows = new ArrayList<>();
    List<Integer> inserts = new ArrayList<>();
    try (Connection c = rls.getConnection();
        PreparedStatement read = c.prepareStatement("select name::text from t_wall where ? < now()");
        PreparedStatement write = c.prepareStatement(
            "insert into t_wall (company_id, name, at) values (?, 'new!', ?) returning name")) {
      for (int i = 0; i < 10; i++) {
        rows.add(as(AS_A, () -> {
          read.setTimestamp(1, new Timestamp(0));
          return RlsConnectionTest.rows(read.executeQuery());
        }));
        inserts.add(as(AS_A, () -> {
          write.setObject(1, A);
          write.setTimestamp(2, new Timestamp(System.currentTimeMillis()));
          return RlsConnectionTest.rows(write.executeQuery());
        }));
      }
      assertThat(as(AS_B, () -> {
        read.setTimestamp(1, new Timestamp(0));
        return RlsConnectionTest.rows(read.executeQuery());
      })).as("B, on the same statement").isEqualTo(3);
      read.setTimestamp(1, new Timestamp(0));
      assertThat(RlsConnectionTest.rows(read.executeQuery())).as("nothing bound").isZero();
    } finally {
      db.execute("delete from t_wall where name = 'new!'");
    }
    assertThat(rows).as("A's 4 rows and the ones A inserted so far").containsExactly(4, 5, 6, 7, 8, 9, 10, 11, 12, 13);
    assertThat(inserts).containsOnly(1);
  }

  // ---- item 4: what a connection carries between borrowers ----------------------------------------

  @Test
  void sessionStateOfOneBorrower_isGoneForTheNext_onTheSamePhysicalConnection() throws Exception {
    int pid = as(AS_A, () -> {
      try (Connection c = rlsPoolOfOne.getConnection(); Statement st = c.createStatement()) {
        c.setAutoCommit(false);
        st.execute("declare a_cursor cursor with hold for select name from t_wall");
        st.execute("create temp table a_copy as select * from t_wall");
        st.execute("listen a_channel");
        st.execute("prepare a_plan as select name from t_wall");
        st.execute("select pg_advisory_lock(18)");
        st.execute("select set_config('tenantry.company_id', '" + A + "', false)");
        c.commit();
        st.execute("notify a_channel, 'for A only'");
        c.commit();
        return backendPid(c);
      }
    });
    as(AS_B, () -> {
      try (Connection c = rlsPoolOfOne.getConnection(); Statement st = c.createStatement()) {
        assertThat(backendPid(c)).as("the same physical connection").isEqualTo(pid);
        assertThatThrownBy(() -> st.execute("fetch all from a_cursor")).hasMessageContaining("a_cursor");
        assertThatThrownBy(() -> st.executeQuery("select count(*) from a_copy")).hasMessageContaining("a_copy");
        assertThat(c.unwrap(PGConnection.class).getNotifications()).as("A's notification").isNullOrEmpty();
        assertThat(single(st, "select count(*) from pg_listening_channels()")).isEqualTo("0");
        assertThat(single(st, "select count(*) from pg_prepared_statements where from_sql")).isEqualTo("0");
        assertThat(single(st, "select count(*) from pg_locks where locktype = 'advisory'"
            + " and pid = pg_backend_pid()")).isEqualTo("0");
        assertThat(countPlain(c)).isEqualTo(3);
        return null;
      }
    });
    try (Connection raw = poolOfOne.getConnection(); Statement st = raw.createStatement()) {
      assertThat(single(st, "select coalesce(current_setting('tenantry.company_id', true), '')"))
          .as("the next user of the pool, even one that does not go through the wrapper").isEmpty();
    }
  }

  @Test
  void anOrdinaryBorrower_leavesTheDriversPreparedStatementsInPlace() throws Exception {
    int[] before = new int[1];
    as(AS_A, () -> {
      try (Connection c = rlsPoolOfOne.getConnection()) {
        for (int i = 0; i < 6; i++) {
          count(c); // server-prepared from the fifth execution
        }
        try (Statement st = c.createStatement()) {
          before[0] = Integer.parseInt(single(st, "select count(*) from pg_prepared_statements"));
        }
      }
      try (Connection c = rlsPoolOfOne.getConnection(); Statement st = c.createStatement()) {
        assertThat(Integer.parseInt(single(st, "select count(*) from pg_prepared_statements")))
            .as("no DISCARD when nothing outlives the transaction").isGreaterThanOrEqualTo(before[0]).isPositive();
      }
      return null;
    });
  }

  static int backendPid(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      return Integer.parseInt(single(st, "select pg_backend_pid()"));
    }
  }

  static String single(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  // ---- item 5: every object reachable from a wrapped one is wrapped ----------------------------------

  @Test
  void everyWayBackToTheConnection_isTheWrapper_andCarriesTheCallersTenant() throws Exception {
    try (Connection c = rls.getConnection()) {
      c.setAutoCommit(false);
      List<Connection> reached = new ArrayList<>();
      as(AS_A, () -> {
        PreparedStatement ps = c.prepareStatement("select name, array[1, 2] from t_wall");
        ResultSet rs = ps.executeQuery();
        assertThat(rs.getStatement()).isSameAs(ps);
        reached.add(rs.getStatement().getConnection());
        rs.next();
        Array array = rs.getArray(2);
        reached.add(array.getResultSet().getStatement().getConnection());
        reached.add(c.createArrayOf("int4", new Object[] {1}).getResultSet().getStatement().getConnection());
        Statement st = c.createStatement();
        st.executeUpdate("insert into t_wall (company_id, name) values ('" + A + "', 'key!')",
            Statement.RETURN_GENERATED_KEYS);
        reached.add(st.getGeneratedKeys().getStatement().getConnection());
        reached.add(st.getConnection());
        DatabaseMetaData meta = c.getMetaData();
        reached.add(meta.getConnection());
        reached.add(meta.getTables(null, null, "t_wall", null).getStatement().getConnection());
        CallableStatement call = c.prepareCall("{ ? = call current_setting('tenantry.company_id', true) }");
        call.registerOutParameter(1, Types.VARCHAR);
        call.execute();
        assertThat(call.getString(1)).isEqualTo(A.toString());
        reached.add(call.getConnection());
        try (Statement cursor = c.createStatement()) {
          cursor.execute("create function pg_temp.names() returns refcursor language plpgsql as"
              + " $$ declare r refcursor := 'names_cursor'; begin open r for select name from t_wall; return r; end $$");
        }
        CallableStatement refcursor = c.prepareCall("{ ? = call pg_temp.names() }");
        refcursor.registerOutParameter(1, Types.REF_CURSOR);
        refcursor.execute();
        ResultSet names = refcursor.getObject(1, ResultSet.class);
        assertThat(RlsConnectionTest.rows(names)).isEqualTo(5); // A's 4 and the key row
        reached.add(names.getStatement().getConnection());
        return null;
      });
      assertThat(reached).hasSize(9).allSatisfy(r -> assertThat(r).isSameAs(c));
      for (Connection r : reached) {
        assertThat(as(AS_B, () -> count(r))).as("B through a connection reached inside A's transaction")
            .isEqualTo(3);
        assertThat(as(AS_B, () -> countPlain(r))).isEqualTo(3);
      }
      // a statement the driver made itself (behind metadata) is wrapped, so it carries the settings too
      assertThat(c.getMetaData().getTables(null, null, "t_wall", null).getStatement())
          .isInstanceOf(RlsStatement.class);
      c.rollback();
    }
    assertThat(rowsOf(B)).isEqualTo(3);
  }
}
