package io.tenantry.hibernate.rls;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import io.tenantry.test.AppRole;
import io.tenantry.test.DriverRoundTrips;
import io.tenantry.test.TenantryPostgres;
import io.tenantry.test.TestDatabase;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.PGConnection;

/**
 * The check on the way back to the pool runs only after SQL that may leave state on the session
 * ({@link TransactionControl#SESSION_STATE}): each way of leaving state, taken alone by company A's
 * borrower, is still gone for company B's borrower of the same physical connection; plain queries
 * and DML cost no round trip on return.
 */
@TenantryPostgres
class RlsSessionStateTest {

  static final UUID A = UUID.randomUUID();
  static final UUID B = UUID.randomUUID();

  /** Everything a session can carry to the next borrower, summed: 0 for a clean session. */
  static final String LEFT_OVER = "select (select count(*) from pg_cursors where is_holdable)"
      + " + (select count(*) from pg_listening_channels())"
      + " + (select count(*) from pg_prepared_statements where from_sql)"
      + " + (select count(*) from pg_locks where locktype = 'advisory' and pid = pg_backend_pid())"
      + " + case when pg_my_temp_schema() = 0 then 0 else"
      + "   (select count(*) from pg_class where relnamespace = pg_my_temp_schema()) end"
      + " + case when coalesce(current_setting('tenantry.company_id', true), '') = '' then 0 else 1 end"
      + " + case when current_user = session_user then 0 else 1 end";

  static TestDatabase db;
  static HikariDataSource poolOfOne;
  static DataSource rls;

  @BeforeAll
  static void setUp(TestDatabase database) {
    db = database;
    db.execute("create table t_state (id bigserial primary key, company_id uuid not null, name text not null)");
    db.execute("insert into t_state (company_id, name) values ('" + A + "', 'a1'), ('" + A + "', 'a2'), ('"
        + B + "', 'b1')");
    db.execute(PolicySql.forTable("t_state", TenantTableLevel.COMPANY, null));
    // a function and a procedure that leave a temporary table behind: called by name, they are flagged
    db.execute("create function leave_temp() returns int language plpgsql as $$ begin"
        + " create temp table if not exists left_by_function (a int); return 1; end $$");
    db.execute("create procedure leave_temp_proc() language plpgsql as $$ begin"
        + " create temp table if not exists left_by_procedure (a int); end $$");
    AppRole role = db.appRole();
    db.execute("grant temporary on database " + db.name() + " to " + role.name());
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(role.jdbcUrl());
    config.setUsername(role.name());
    config.setPassword(role.password());
    config.setMaximumPoolSize(1);
    config.setMinimumIdle(0);
    poolOfOne = new HikariDataSource(config);
    rls = TenantryRls.dataSource(poolOfOne);
  }

  @AfterAll
  static void close() {
    poolOfOne.close();
  }

  interface Borrow {
    void run(Connection c) throws SQLException;
  }

  static void as(UUID company, Borrow work) throws Exception {
    Tenancy.call(TenantContext.ofCompany(company), () -> {
      try (Connection c = rls.getConnection()) {
        work.run(c);
      }
      return null;
    });
  }

  static long single(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * The next borrowers of the same physical connection after A: B through the wall sees only B's row,
   * and a borrower of the pool itself (read outside the wall, whose settings would hide A's) finds
   * nothing of A's session.
   */
  static void nothingLeftForB(String what) throws Exception {
    as(B, c -> assertThat(single(c, "select count(*) from t_state")).as("B's rows only").isEqualTo(1));
    try (Connection raw = poolOfOne.getConnection()) {
      assertThat(single(raw, LEFT_OVER)).as("left over after: " + what).isZero();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "declare a_cursor cursor with hold for select name from t_state",
      "create temp table a_copy as select * from t_state",
      "select * into temp a_copy2 from t_state",
      "with x as (select * from t_state) select * into temp table a_copy3 from x",
      "listen a_channel",
      "prepare a_plan as select name from t_state",
      "set tenantry.company_id = '%A'",
      "select set_config('tenantry.company_id', '%A', false)",
      "select pg_catalog.set_config('tenantry.company_id', '%A', false)",
      "select \"set_config\"('tenantry.company_id', '%A', false)",
      "select pg_advisory_lock(20)",
      "select count(*) from t_state where pg_try_advisory_lock(21)",
      "do $$ begin perform set_config('tenantry.company_id', '%A', false); end $$",
      "select leave_temp()",
      "select name from t_state where leave_temp() = 1",
      "call leave_temp_proc()",
      "explain analyze select leave_temp()"})
  void stateLeftThroughStatementSql_isGoneForTheNextBorrower(String template) throws Exception {
    String sql = template.replace("%A", A.toString());
    as(A, c -> {
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        st.execute(sql);
      }
      c.commit();
      assertThat(single(c, LEFT_OVER)).as("the attack left state (else this test proves nothing)").isPositive();
    });
    nothingLeftForB(sql);
  }

  @Test
  void stateLeftThroughAPreparedStatement_aBatch_aCall_orTheDriver_isGoneForTheNextBorrower() throws Exception {
    as(A, c -> {
      try (PreparedStatement ps = c.prepareStatement("select set_config(?, ?, false)")) {
        ps.setString(1, "tenantry.company_id");
        ps.setString(2, A.toString());
        ps.execute();
      }
      assertThat(single(c, LEFT_OVER)).isPositive();
    });
    nothingLeftForB("prepared set_config");
    as(A, c -> {
      try (Statement st = c.createStatement()) {
        st.addBatch("create temp table a_batch (a int)");
        st.executeBatch();
      }
      assertThat(single(c, LEFT_OVER)).isPositive();
    });
    nothingLeftForB("batch");
    as(A, c -> {
      try (CallableStatement cs = c.prepareCall("call leave_temp_proc()")) {
        cs.execute();
      }
      assertThat(single(c, LEFT_OVER)).isPositive();
    });
    nothingLeftForB("prepareCall");
    as(A, c -> {
      Connection driver = (Connection) c.unwrap(PGConnection.class);
      try (Statement st = driver.createStatement()) {
        st.execute("create temp table a_raw (a int)");
      }
      assertThat(single(c, LEFT_OVER)).isPositive();
    });
    nothingLeftForB("unwrapped driver connection");
  }

  @Test
  void plainQueriesAndDml_costNoRoundTripOnTheWayBack_whileStateDoes() throws Exception {
    int[] plain = new int[1];
    int[] withState = new int[1];
    Tenancy.call(TenantContext.ofCompany(A), () -> {
      for (int i = 0; i < 3; i++) {
        Connection c = rls.getConnection();
        c.setAutoCommit(false);
        long id;
        try (PreparedStatement ps = c.prepareStatement(
            "insert into t_state (company_id,name) values (?,?) returning id")) {
          ps.setObject(1, A);
          ps.setString(2, "new");
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            id = rs.getLong(1);
          }
        }
        try (PreparedStatement ps = c.prepareStatement(
            "select s1_0.id,lower(s1_0.name) from t_state s1_0 where s1_0.id=? or s1_0.name = any (?)")) {
          ps.setLong(1, id);
          ps.setArray(2, c.createArrayOf("text", new Object[] {"a1"}));
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              rs.getString(2);
            }
          }
        }
        try (Statement st = c.createStatement()) {
          st.executeUpdate("update t_state set name = 'renamed' where id = " + id);
          st.executeUpdate("delete from t_state where id = " + id);
        }
        c.commit();
        c.setAutoCommit(true);
        plain[0] = DriverRoundTrips.count(c::close);
      }
      Connection c = rls.getConnection();
      try (Statement st = c.createStatement()) {
        st.execute("create temp table a_counted (a int)");
      }
      withState[0] = DriverRoundTrips.count(c::close);
      return null;
    });
    assertThat(withState[0]).as("check and reset after a temp table").isGreaterThanOrEqualTo(2);
    assertThat(plain[0]).as("the way back after plain queries and DML").isZero();
    nothingLeftForB("the counted borrows");
  }
}
