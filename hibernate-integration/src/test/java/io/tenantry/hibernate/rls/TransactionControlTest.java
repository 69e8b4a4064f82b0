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
}
