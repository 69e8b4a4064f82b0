package io.tenantry.hibernate.rls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Which SQL makes the connection forget the settings it applied, and which is refused. */
class TransactionControlTest {

  @Test
  void transactionAndSettingsControl_isFound_atTheStartOfAnyStatement() throws SQLException {
    for (String sql : new String[] {"rollback to savepoint s", "  ROLLBACK TO s", "/* a /* nested */ comment */ savepoint x",
        "-- line\nrelease savepoint x", "commit", "select 1; savepoint s", "set local work_mem = '1MB'",
        "reset all", "discard all", "begin", "start transaction", "end", "abort", "listen ch", "prepare p as select 1"}) {
      assertThat(TransactionControl.check(sql)).as(sql).isTrue();
    }
  }

  @Test
  void ordinarySql_andKeywordsInsideTextOrBodies_areNot() throws SQLException {
    for (String sql : new String[] {"select 1", "update t set name = 'rollback; commit'", "select \"commit\" from t",
        "select case when a then 1 else 2 end from t", "insert into t values ($$; rollback$$)",
        "select E'it\\'s; commit'", "create function f() returns int language plpgsql as $body$ begin return 1; end; $body$",
        "select 1 -- ; commit", "select 1 /* ; rollback */", "with x as (select 1) select * from x", null}) {
      assertThat(TransactionControl.check(sql)).as(String.valueOf(sql)).isFalse();
    }
  }

  @Test
  void sqlAfterAStatementThatRevertsTheSettings_isRefused_withTheFix() {
    for (String sql : new String[] {"rollback to savepoint s; select * from t", "commit; delete from t",
        "reset all; select 1", "/* x */ ROLLBACK; select 1"}) {
      assertThatThrownBy(() -> TransactionControl.check(sql)).as(sql).isInstanceOf(SQLException.class)
          .hasMessageContaining("Send it as a statement of its own");
    }
  }

  @Test
  void aRevertingStatementLast_orFollowedOnlyByNothing_isAllowed() throws SQLException {
    assertThat(TransactionControl.check("select 1; rollback to savepoint s;")).isTrue();
    assertThat(TransactionControl.check("savepoint s; select 1")).isTrue();
    assertThat(TransactionControl.check("rollback; -- done\n")).isTrue();
  }

  // ---- what may leave state on the session for the next borrower ----------------------------------

  static boolean leavesState(String sql) throws SQLException {
    return (TransactionControl.classify(sql) & TransactionControl.SESSION_STATE) != 0;
  }

  @Test
  void plainQueriesAndDml_asHibernateWritesThem_areVouchedFor() throws SQLException {
    for (String sql : new String[] {
        "select s1_0.id,s1_0.company_id,s1_0.name from sale s1_0 where s1_0.id=?",
        "insert into sale (company_id,store_id,total,id) values (?,?,?,?)",
        "insert into public.sale_line (sale_id,sku,qty) values (?,?,?) returning id",
        "insert into \"Sale\" (\"Id\") values (?)",
        "update sale set total=?,version=? where id=? and version=?",
        "delete from sale_line where sale_id=?",
        "select count(*) from sale s1_0 where s1_0.store_id = any (?)",
        "select nextval('sale_seq')",
        "select lower(p1_0.name),coalesce(sum(p1_0.qty),0) from product p1_0 where p1_0.sku in (?,?) "
            + "group by lower(p1_0.name) having count(distinct p1_0.id)>1 order by 1 offset ? rows fetch first ? rows only",
        "select p1_0.id from product p1_0 where exists(select 1 from sale_line l1_0 where l1_0.sku=p1_0.sku)",
        "select cast(p1_0.price as numeric(10,2)),extract(epoch from p1_0.at) from product p1_0",
        "select row_number() over(order by p.id) from product p",
        "with x as (select 1 as a) select a from x",
        "insert into t (a) values (1) on conflict (a) do update set a = excluded.a",
        "select 'set_config(' from t", "select 1 -- pg_advisory_lock(1)", "values (1), (2)", "table sale"}) {
      assertThat(leavesState(sql)).as(sql).isFalse();
    }
  }

  @Test
  void everyWayToLeaveStateInTheText_isFlagged() throws SQLException {
    for (String sql : new String[] {
        "declare c cursor with hold for select 1", "create temp table x (a int)", "CREATE TEMPORARY VIEW v AS SELECT 1",
        "select * into temp x from t", "select a into temporary table x from t", "select 1 into x",
        "with y as (select 1) select * into temp x from y", "listen ch", "prepare p as select 1", "set role r",
        "set session authorization r", "set work_mem = '1MB'", "reset role", "do $$ begin perform 1; end $$",
        "call p()", "{call p()}", "explain analyze select f()", "copy (select f()) to stdout", "lock table t",
        "select set_config('tenantry.company_id', 'x', false)", "SELECT SET_CONFIG ('a', 'b', false)",
        "select pg_catalog.set_config('a', 'b', false)", "select \"set_config\"('a', 'b', false)",
        "select pg_advisory_lock(1)", "select count(*) from t where pg_try_advisory_lock(id)",
        "select my_function(a) from t", "select * from t where a = public.lower(b)", "select * from f()",
        "select myschema . lower (x) from t", "insert into t (a) select f() from u", "update t set a = f(a)",
        "delete from t where g(a)", "select 1; create temp table x (a int)", "(select 1) union (select 2)",
        "select {fn ucase(a)} from t", "insert into t (a) values (f(1))", "merge into t using u on t.a = u.a "
            + "when not matched then insert (a) values (u.a)", "select dblink_connect('x')", "select setseed(0.5)"}) {
      assertThat(leavesState(sql)).as(sql).isTrue();
    }
  }

  @Test
  void everyControlStatement_isAlsoFlaggedForTheSession() throws SQLException {
    for (String sql : new String[] {"set local work_mem = '1MB'", "begin", "savepoint s", "listen ch", "discard all"}) {
      assertThat(TransactionControl.classify(sql)).as(sql)
          .isEqualTo(TransactionControl.CONTROL | TransactionControl.SESSION_STATE);
    }
  }
}
