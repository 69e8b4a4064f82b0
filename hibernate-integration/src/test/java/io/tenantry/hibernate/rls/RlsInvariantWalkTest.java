package io.tenantry.hibernate.rls;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import io.tenantry.test.AppRole;
import io.tenantry.test.TenantryPostgres;
import io.tenantry.test.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The wall's invariant, walked at random: for any sequence of bind, unbind, switch, savepoint,
 * rollback to savepoint, release, commit, rollback, auto-commit toggle, borrow and return on a pool
 * of one or two connections, every statement of tenant X sees exactly X's rows, and with nothing
 * bound none; a write touches exactly X's rows; a borrower never finds what an earlier one left on
 * the session. 10,000 steps per pool size; a failure prints the seed and the steps that led to it
 * ({@code -Dtenantry.walk.seed=...} replays one).
 */
@TenantryPostgres
class RlsInvariantWalkTest {

  static final int STEPS = Integer.getInteger("tenantry.walk.steps", 10_000);
  /** Tenants and their row counts: distinct, so a count says whose rows were seen. */
  static final Map<UUID, Integer> ROWS = new TreeMap<>();
  static final List<TenantContext> TENANTS = new ArrayList<>();

  static AppRole role;

  @BeforeAll
  static void setUp(TestDatabase db) {
    db.execute("create table t_walk (id bigserial primary key, company_id uuid not null, name text not null)");
    for (int rows : new int[] {2, 3, 5}) {
      UUID company = UUID.randomUUID();
      ROWS.put(company, rows);
      TENANTS.add(TenantContext.ofCompany(company));
      db.execute("insert into t_walk (company_id, name) select '" + company + "', 'n' || g from generate_series(1, "
          + rows + ") g");
    }
    db.execute(PolicySql.forTable("t_walk", TenantTableLevel.COMPANY, null));
    role = db.appRole();
    db.execute("grant temporary on database " + db.name() + " to " + role.name());
  }

  @Test
  void poolOfOne() throws Exception {
    walk(1);
  }

  @Test
  void poolOfTwo() throws Exception {
    walk(2);
  }

  static void walk(int poolSize) throws Exception {
    long seed = Long.getLong("tenantry.walk.seed", System.nanoTime());
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(role.jdbcUrl());
    config.setUsername(role.name());
    config.setPassword(role.password());
    config.setMaximumPoolSize(poolSize);
    config.setMinimumIdle(0);
    try (HikariDataSource pool = new HikariDataSource(config)) {
      Walk walk = new Walk(TenantryRls.dataSource(pool), new Random(seed));
      try {
        for (int i = 0; i < STEPS; i++) {
          walk.step(poolSize);
        }
        walk.returnAll();
      } catch (Throwable t) {
        throw new AssertionError("Invariant broken with seed " + seed + " (pool of " + poolSize
            + "; replay with -Dtenantry.walk.seed=" + seed + "); last steps:\n  "
            + String.join("\n  ", walk.lastSteps()), t);
      }
    }
  }

  /** One borrowed connection and what the walk knows of it. */
  static final class Held {
    final Connection c;
    final List<Savepoint> savepoints = new ArrayList<>();
    /** Holds row locks until its transaction ends: another connection's write would wait for ever. */
    boolean locks;

    Held(Connection c) {
      this.c = c;
    }
  }

  static final class Walk {
    final DataSource rls;
    final Random random;
    final List<Held> held = new ArrayList<>();
    final List<String> log = new ArrayList<>();
    TenantContext bound;

    Walk(DataSource rls, Random random) {
      this.rls = rls;
      this.random = random;
    }

    List<String> lastSteps() {
      return log.subList(Math.max(0, log.size() - 30), log.size());
    }

    void note(String step) {
      log.add(step);
      if (log.size() > 1000) {
        log.subList(0, 500).clear();
      }
    }

    void returnAll() throws SQLException {
      for (Held h : held) {
        h.c.close();
      }
      held.clear();
    }

    void step(int poolSize) throws Exception {
      if (held.isEmpty()) {
        borrow();
        return;
      }
      Held h = held.get(random.nextInt(held.size()));
      int op = random.nextInt(100);
      if (op < 8) {
        bound = TENANTS.get(random.nextInt(TENANTS.size()));
        note("bind " + name(bound));
      } else if (op < 11) {
        bound = null;
        note("unbind");
      } else if (op < 16) {
        if (held.size() < poolSize) {
          borrow();
        } else {
          giveBack(h);
        }
      } else if (op < 21) {
        giveBack(h);
      } else if (op < 27) {
        boolean autoCommit = !h.c.getAutoCommit();
        note("setAutoCommit(" + autoCommit + ") on " + id(h));
        h.c.setAutoCommit(autoCommit);
        h.savepoints.clear();
        h.locks &= !autoCommit;
      } else if (op < 35) {
        if (!h.c.getAutoCommit()) {
          note("setSavepoint on " + id(h));
          h.savepoints.add(h.c.setSavepoint());
        }
      } else if (op < 42) {
        if (!h.savepoints.isEmpty()) {
          int i = random.nextInt(h.savepoints.size());
          note("rollback(savepoint " + i + ") on " + id(h));
          h.c.rollback(h.savepoints.get(i));
          h.savepoints.subList(i + 1, h.savepoints.size()).clear();
        }
      } else if (op < 45) {
        if (!h.savepoints.isEmpty()) {
          int i = random.nextInt(h.savepoints.size());
          note("releaseSavepoint(" + i + ") on " + id(h));
          h.c.releaseSavepoint(h.savepoints.get(i));
          h.savepoints.subList(i, h.savepoints.size()).clear();
        }
      } else if (op < 50) {
        if (!h.c.getAutoCommit()) {
          note("commit on " + id(h));
          h.c.commit();
          h.savepoints.clear();
          h.locks = false;
        }
      } else if (op < 54) {
        if (!h.c.getAutoCommit()) {
          note("rollback on " + id(h));
          h.c.rollback();
          h.savepoints.clear();
          h.locks = false;
        }
      } else if (op < 57) {
        leaveState(h);
      } else if (op < 62) {
        sqlSavepoint(h);
      } else {
        read(h, random.nextInt(5));
      }
    }

    void borrow() throws Exception {
      Held h = new Held(rls.getConnection());
      held.add(h);
      note("borrow " + id(h));
      try (Statement st = h.c.createStatement(); ResultSet rs = st.executeQuery(
          "select concat_ws(' ', (select string_agg(name, ',') from pg_cursors where is_holdable),"
              + " (select string_agg(c, ',') from pg_listening_channels() c),"
              + " (select string_agg(relname, ',') from pg_class where relnamespace = pg_my_temp_schema()),"
              + " (select string_agg(objid::text, ',') from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()),"
              + " (select string_agg(name, ',') from pg_settings where source = 'session'"
              + " and name <> 'application_name' and name not like 'default_transaction_%'))")) {
        rs.next();
        assertThat(rs.getString(1)).as("state left by an earlier borrower").isEmpty();
      }
      read(h, 0);
    }

    void giveBack(Held h) throws SQLException {
      note("return " + id(h));
      h.c.close();
      held.remove(h);
    }

    /** Session state an earlier borrower might leave, through the wrapper, as the bound tenant. */
    void leaveState(Held h) throws Exception {
      String[] sql = {"declare walk_cursor_" + random.nextInt(1_000_000) + " cursor with hold for select * from t_walk",
          "create temp table if not exists walk_copy as select * from t_walk", "listen walk_channel",
          "select pg_try_advisory_lock(" + random.nextInt(5) + ")",
          "select set_config('tenantry.company_id', '" + UUID.randomUUID() + "', false)"};
      // Tenantry's settings set for the session by SQL: only in auto-commit mode, where every statement
      // sets them for its own transaction (inside a transaction it is tampering, which no wrapper can see)
      String s = sql[random.nextInt(h.c.getAutoCommit() ? sql.length : sql.length - 1)];
      note("as " + name(bound) + ": " + s + " on " + id(h));
      asBound(() -> {
        try (Statement st = h.c.createStatement()) {
          st.execute(s);
        }
        return null;
      });
      read(h, 0);
    }

    /** Savepoints as SQL: the connection must follow them like the API's. */
    void sqlSavepoint(Held h) throws Exception {
      if (h.c.getAutoCommit()) {
        return;
      }
      String name = "walk_sp";
      boolean rollback = random.nextBoolean();
      note((rollback ? "rollback to savepoint " : "savepoint ") + name + " (SQL) on " + id(h));
      try (Statement st = h.c.createStatement()) {
        if (rollback) {
          st.execute("savepoint " + name); // so that it exists
          read(h, random.nextInt(4));
          st.execute("rollback to savepoint " + name);
        } else {
          st.execute("savepoint " + name);
        }
      }
    }

    /** Reads (or writes) as the bound tenant, asserting the invariant. */
    void read(Held h, int how) throws Exception {
      if (how == 3 && held.stream().anyMatch(other -> other != h && other.locks)) {
        how = 0;
      }
      if (how == 3 && !h.c.getAutoCommit()) {
        h.locks = true;
      }
      int kind = how;
      Map<String, Integer> seen = asBound(() -> {
        Map<String, Integer> byCompany = new TreeMap<>();
        switch (kind) {
          case 0 -> {
            try (PreparedStatement ps = h.c.prepareStatement("select company_id::text, count(*) from t_walk group by 1");
                ResultSet rs = ps.executeQuery()) {
              collect(rs, byCompany);
            }
          }
          case 1 -> {
            try (Statement st = h.c.createStatement();
                ResultSet rs = st.executeQuery("select company_id::text, count(*) from t_walk group by 1")) {
              collect(rs, byCompany);
            }
          }
          case 2 -> { // the driver describes it and splits the round trip (issue 18, item 3)
            try (PreparedStatement ps = h.c.prepareStatement("select company_id::text from t_walk where ? < now()")) {
              ps.setTimestamp(1, new Timestamp(0));
              try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                  byCompany.merge(rs.getString(1), 1, Integer::sum);
                }
              }
            }
          }
          case 3 -> { // a write touches exactly the tenant's rows
            try (PreparedStatement ps = h.c.prepareStatement("update t_walk set name = name")) {
              int n = ps.executeUpdate();
              if (n > 0) {
                byCompany.put(bound == null ? "?" : bound.companyId().toString(), n);
              }
            }
          }
          default -> { // through the way back from a result set (issue 18, item 5)
            try (Statement st = h.c.createStatement(); ResultSet probe = st.executeQuery("select 1");
                PreparedStatement ps = probe.getStatement().getConnection()
                    .prepareStatement("select company_id::text, count(*) from t_walk group by 1");
                ResultSet rs = ps.executeQuery()) {
              collect(rs, byCompany);
            }
          }
        }
        return byCompany;
      });
      Map<String, Integer> expected = new TreeMap<>();
      if (bound != null) {
        expected.put(bound.companyId().toString(), ROWS.get(bound.companyId()));
      }
      assertThat(seen).as("read %d as %s on %s", kind, name(bound), id(h)).isEqualTo(expected);
    }

    static void collect(ResultSet rs, Map<String, Integer> into) throws SQLException {
      while (rs.next()) {
        into.put(rs.getString(1), rs.getInt(2));
      }
    }

    <T> T asBound(java.util.concurrent.Callable<T> work) throws Exception {
      return bound == null ? work.call() : Tenancy.call(bound, work);
    }

    String name(TenantContext t) {
      return t == null ? "nobody" : "tenant " + TENANTS.indexOf(t);
    }

    String id(Held h) {
      return "connection@" + Integer.toHexString(System.identityHashCode(h.c));
    }
  }

  @AfterAll
  static void nothing() {}
}
