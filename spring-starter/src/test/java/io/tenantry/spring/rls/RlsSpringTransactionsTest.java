package io.tenantry.spring.rls;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import io.tenantry.hibernate.rls.RlsSettings;
import io.tenantry.hibernate.rls.TenantryRls;
import io.tenantry.test.AppRole;
import io.tenantry.test.TenantryPostgres;
import io.tenantry.test.TestDatabase;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 18, items 2 and 3, the way Spring applications meet them: a tenant switch inside a
 * {@code PROPAGATION_NESTED} transaction (a savepoint on the same connection, rolled back), and a
 * plain {@code JdbcTemplate} outside any transaction running a statement the PostgreSQL driver
 * describes first. Company A has 4 rows, company B 3; a pool of one, so every step shares one connection.
 */
@TenantryPostgres
class RlsSpringTransactionsTest {

  static final UUID A = UUID.randomUUID();
  static final UUID B = UUID.randomUUID();
  /** One binding object per tenant, as one request's binding is: the connection knows a binding by identity. */
  static final TenantContext AS_A = TenantContext.ofCompany(A);
  static final TenantContext AS_B = TenantContext.ofCompany(B);

  static TestDatabase db;
  static HikariDataSource pool;
  static JdbcTemplate jdbc;
  static DataSourceTransactionManager transactions;

  @BeforeAll
  static void setUp(TestDatabase database) {
    db = database;
    db.execute("create table t_spring (id bigserial primary key, company_id uuid not null, name text not null,"
        + " at timestamptz not null default now());"
        + "insert into t_spring (company_id, name) select '" + A + "', 'a' || g from generate_series(1, 4) g;"
        + "insert into t_spring (company_id, name) select '" + B + "', 'b' || g from generate_series(1, 3) g;"
        + "alter table t_spring enable row level security; alter table t_spring force row level security;"
        + "create policy t_spring_company on t_spring using (company_id = nullif(current_setting('"
        + RlsSettings.COMPANY + "', true), '')::uuid)");
    AppRole role = db.appRole();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(role.jdbcUrl());
    config.setUsername(role.name());
    config.setPassword(role.password());
    config.setMaximumPoolSize(1);
    pool = new HikariDataSource(config);
    var rls = TenantryRls.dataSource(pool);
    jdbc = new JdbcTemplate(rls);
    transactions = new DataSourceTransactionManager(rls);
  }

  @AfterAll
  static void close() {
    pool.close();
  }

  static <T> T as(UUID company, Callable<T> work) {
    try {
      return Tenancy.call(company.equals(A) ? AS_A : AS_B, work);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static int count() {
    return jdbc.queryForObject("select count(*) from t_spring", Integer.class);
  }

  @Test
  void nestedTransaction_rolledBack_afterATenantSwitch_leavesNoTenantsSettingsBehind() {
    TransactionTemplate outer = new TransactionTemplate(transactions);
    TransactionTemplate nested = new TransactionTemplate(transactions);
    nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    List<Integer> seen = new ArrayList<>();
    outer.executeWithoutResult(tx -> {
      seen.add(as(A, RlsSpringTransactionsTest::count));
      as(B, () -> nested.execute(inner -> {
        seen.add(count());
        inner.setRollbackOnly(); // rollback to the savepoint
        return null;
      }));
      seen.add(as(B, RlsSpringTransactionsTest::count));
      seen.add(as(B, () -> jdbc.update("update t_spring set name = name || '!'")));
      seen.add(as(A, RlsSpringTransactionsTest::count));
      // the same tenant around a nested rollback keeps seeing its rows and may insert
      as(A, () -> nested.execute(inner -> {
        seen.add(count());
        inner.setRollbackOnly();
        return null;
      }));
      seen.add(as(A, RlsSpringTransactionsTest::count));
      seen.add(as(A, () -> jdbc.update("insert into t_spring (company_id, name) values (?, 'x')", A)));
      seen.add(count());
      tx.setRollbackOnly();
    });
    assertThat(seen).as("A, B in the savepoint, B after it, B's update, A, A in a savepoint, A after it, A's insert,"
        + " nothing bound").containsExactly(4, 3, 3, 3, 4, 4, 4, 1, 0);
    assertThat(new JdbcTemplate(db.adminDataSource()).queryForObject(
        "select count(*) from t_spring where name like '%!' or name = 'x'", Integer.class)).isZero();
  }

  @Test
  void jdbcTemplate_outsideATransaction_describedStatement_keepsTheTenantOnEveryExecution() {
    List<Integer> rows = new ArrayList<>();
    List<String> inserted = new ArrayList<>();
    try {
      for (int i = 0; i < 10; i++) {
        rows.add(as(A, () -> jdbc.queryForList("select name::text from t_spring where ? < now()", String.class,
            new Timestamp(0)).size()));
        inserted.add(as(A, () -> jdbc.queryForObject(
            "insert into t_spring (company_id, name, at) values (?, 'new', ?) returning name::text", String.class,
            A, new Timestamp(System.currentTimeMillis()))));
      }
      assertThat(as(B, () -> jdbc.queryForList("select name::text from t_spring where ? < now()", String.class,
          new Timestamp(0)).size())).isEqualTo(3);
      assertThat(jdbc.queryForList("select name::text from t_spring where ? < now()", String.class, new Timestamp(0)))
          .as("nothing bound").isEmpty();
    } finally {
      db.execute("delete from t_spring where name = 'new'");
    }
    assertThat(rows).as("A's 4 rows and the ones inserted so far").containsExactly(4, 5, 6, 7, 8, 9, 10, 11, 12, 13);
    assertThat(inserted).containsOnly("new").hasSize(10);
  }
}
