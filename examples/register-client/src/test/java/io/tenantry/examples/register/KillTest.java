package io.tenantry.examples.register;

import static io.tenantry.examples.register.RegisterTestSupport.count;
import static io.tenantry.examples.register.RegisterTestSupport.journal;
import static io.tenantry.examples.register.RegisterTestSupport.ok;
import static io.tenantry.examples.register.RegisterTestSupport.register;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantry.examples.register.local.SaleJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The register process killed in the middle of a push or a sync (a separate JVM, killed like
 * {@code kill -9}), then run again: no sale lost, none doubled, the catalog whole.
 */
class KillTest {

  @TempDir
  Path dir;

  PosApi owner;
  String store;
  String milk;
  Path db;

  @BeforeEach
  void register() {
    PosServer pos = PosServer.get();
    owner = PosApi.newCompany(pos.url, "Killed Mid-Push");
    store = owner.store("Main St");
    PosApi.Register r1 = owner.register(store, "R1");
    milk = owner.product("MILK", "Milk 1 l", "3.99");
    db = RegisterTestSupport.register(dir.resolve("r1.db"), pos.url, r1.key());
  }

  @Test
  void push_killedMidway_thenRunAgain_landsEverySaleExactlyOnce() throws Exception {
    int sales = 500;
    ok("sell", "MILK:2", "--repeat", sales, "--db", db);

    Path log = dir.resolve("push.log");
    Process push = Cli.spawn(log, List.of(), "push", "--parallel", "1", "--db", db.toString());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (owner.sales(store).count() < 10 && push.isAlive() && System.nanoTime() < deadline) {
      PosServer.sleep(50);
    }
    push.destroyForcibly(); // SIGKILL: no shutdown hook, no rollback, a request possibly in flight
    assertThat(push.waitFor(30, TimeUnit.SECONDS)).isTrue();

    long landed = owner.sales(store).count();
    List<SaleJournal.Entry> afterKill = journal(db);
    assertThat(landed).as("killed mid-push, not after it: %s", Files.readString(log)).isBetween(10L, sales - 1L);
    // never marked pushed without the server's answer
    assertThat(count(afterKill, "pushed")).isLessThanOrEqualTo(landed);
    assertThat(count(afterKill, "pushed") + count(afterKill, "pending")).isEqualTo(sales);

    Cli.Result again = ok("push", "--db", db);
    assertThat(again.out()).contains("Pushed " + (sales - count(afterKill, "pushed")) + " of");

    List<SaleJournal.Entry> after = journal(db);
    assertThat(after).hasSize(sales).extracting(SaleJournal.Entry::status).containsOnly("pushed");
    assertThat(after).extracting(SaleJournal.Entry::serverSaleId).doesNotHaveDuplicates();
    assertThat(owner.sales(store)).isEqualTo(new PosApi.StoreSales(sales, "3990.00"));
  }

  @Test
  void push_haltedAfterTheServerAnsweredButBeforeTheJournalRecordedIt_resendsTheSameSaleOnce() throws Exception {
    ok("sell", "MILK", "--repeat", 5, "--db", db);

    Path log = dir.resolve("push.log");
    Process push = Cli.spawn(log, List.of("-D" + HaltAtCheckpoint.PROPERTY + "=push-after-response:3"), "push", "--parallel",
        "1", "--db", db.toString());
    assertThat(push.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(push.exitValue()).as(Files.readString(log)).isEqualTo(HaltAtCheckpoint.HALT_STATUS);

    // the third sale is on the server but still pending here (the sender may have sent more meanwhile:
    // it does not wait for the journal, which is safe because a re-send is answered with the same sale)
    assertThat(owner.sales(store).count()).isGreaterThanOrEqualTo(3);
    assertThat(count(journal(db), "pushed")).isEqualTo(2);

    Cli.Result again = ok("push", "--db", db);
    Matcher counts = Pattern.compile("Pushed 3 of 3 .*: (\\d+) new, (\\d+) already on the server").matcher(again.out());
    assertThat(counts.find()).as(again.out()).isTrue();
    assertThat(Integer.parseInt(counts.group(1)) + Integer.parseInt(counts.group(2))).isEqualTo(3);
    assertThat(Integer.parseInt(counts.group(2))).as("the third sale, answered before the halt").isPositive();
    assertThat(owner.sales(store)).isEqualTo(new PosApi.StoreSales(5, "19.95"));
    assertThat(journal(db)).extracting(SaleJournal.Entry::serverSaleId).doesNotContainNull().doesNotHaveDuplicates();
  }

  @Test
  void sync_haltedBeforeItsTransactionCommitted_keepsTheOldCatalogAndCursor_andTheNextSyncAppliesIt() throws Exception {
    owner.product("BREAD", "Bread", "2.50");
    owner.storePrice(store, milk, "3.49");
    String before = ok("status", "--db", db).out().lines().filter(l -> l.startsWith("Last sync")).findFirst()
        .orElseThrow();

    Path log = dir.resolve("sync.log");
    Process sync = Cli.spawn(log, List.of("-D" + HaltAtCheckpoint.PROPERTY + "=sync-before-commit"), "sync", "--db",
        db.toString());
    assertThat(sync.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(sync.exitValue()).as(Files.readString(log)).isEqualTo(HaltAtCheckpoint.HALT_STATUS);

    assertThat(ok("status", "--db", db).out()).contains(before).contains("1 products");
    assertThat(ok("sell", "MILK", "--db", db).out()).contains("total 3.99");
    assertThat(RegisterTestSupport.expect(ExitCodes.NOT_SELLABLE, "sell", "BREAD", "--db", db).err())
        .contains("Unknown SKU 'BREAD'");

    Cli.Result synced = ok("sync", "--db", db);
    assertThat(synced.out()).contains("2 changes").contains("3.99 -> 3.49").contains("new, 2.50");
    assertThat(ok("sell", "MILK", "BREAD", "--db", db).out()).contains("total 5.99");
  }
}
