package io.tenantry.examples.register;

import static io.tenantry.examples.register.RegisterTestSupport.count;
import static io.tenantry.examples.register.RegisterTestSupport.journal;
import static io.tenantry.examples.register.RegisterTestSupport.ok;
import static io.tenantry.examples.register.RegisterTestSupport.register;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantry.examples.register.local.SaleJournal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22, item 7, end to end: while a register pushes its sales, the database terminates the POS's
 * backends in the middle of recording them ({@code pg_terminate_backend} from a superuser connection, on
 * every app backend inside a transaction, that is in a request). A failed transaction is never answered
 * with a 4xx, so the register never parks a sale for it: it keeps each one, sends it again, and the server
 * records each exactly once.
 */
class DroppedConnectionsTest {

  private static final int SALES = 60;

  @TempDir
  Path dir;

  @Test
  void backendsTerminatedDuringSaleCreation_noSaleIsParkedOrLost_eachLandsOnce() throws Exception {
    PosServer pos = PosServer.get();
    PosApi owner = PosApi.newCompany(pos.url, "Flaky Grocers");
    String store = owner.store("Main St");
    owner.product("MILK", "Milk 1 l", "3.99");
    String rosa = owner.customer("Rosa", "555");
    Path db = register(dir.resolve("r1.db"), pos.url, owner.register(store, "R1").key());
    ok("sell", "MILK:2", "--repeat", String.valueOf(SALES / 2), "--db", db);
    ok("sell", "MILK", "--customer", rosa, "--repeat", String.valueOf(SALES / 2), "--db", db);

    AtomicBoolean pushing = new AtomicBoolean(true);
    List<String> killed = new ArrayList<>();
    Thread killer = new Thread(() -> {
      try (Connection c = pos.superuser(); Statement s = c.createStatement()) {
        while (pushing.get() && killed.size() < 25) {
          // an app backend inside a transaction is serving a request: the sale being recorded, or its lookups
          try (ResultSet rs = s.executeQuery("select query, pg_terminate_backend(pid) from pg_stat_activity"
              + " where usename = 'pos_app' and xact_start is not null and query ~ 'pos_(sale|product|customer)'"
              + " and pid <> pg_backend_pid()")) {
            while (rs.next()) {
              if (rs.getBoolean(2)) {
                killed.add(rs.getString(1));
              }
            }
          }
          Thread.sleep(2);
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, "terminate-backends");
    killer.start();
    Cli.Result push;
    try {
      push = Cli.run("push", "--parallel", "4", "--max-attempts", "30", "--db", db.toString());
    } finally {
      pushing.set(false);
      killer.join();
    }

    assertThat(killed).as("backends terminated while they served a sale").isNotEmpty();
    List<SaleJournal.Entry> sales = journal(db);
    assertThat(count(sales, "rejected")).as("sales parked for a failure that was the database's\n%s", push).isZero();
    if (count(sales, "pending") > 0) {
      // the push gave up on the flood of failures (exit 4): the sales wait, and the next push sends them
      assertThat(push.exitCode()).as(push.toString()).isEqualTo(ExitCodes.SERVER_UNREACHABLE);
      ok("push", "--db", db);
    } else {
      assertThat(push.exitCode()).as(push.toString()).isEqualTo(ExitCodes.OK);
    }
    assertThat(count(journal(db), "pushed")).isEqualTo(SALES);
    assertThat(owner.sales(store)).isEqualTo(new PosApi.StoreSales(SALES, "359.10"));
    assertThat(owner.points(rosa)).as("one point per whole unit of each sale to Rosa, each counted once")
        .isEqualTo(SALES / 2 * 3);
    assertThat(ok("push", "--db", db).out()).contains("Nothing to push");
    assertThat(pos.log()).as("no request failed as a bug (500)").doesNotContain("Data access failed");
  }
}
