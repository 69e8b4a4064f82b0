package io.tenantry.examples.register;

import static io.tenantry.examples.register.RegisterTestSupport.count;
import static io.tenantry.examples.register.RegisterTestSupport.expect;
import static io.tenantry.examples.register.RegisterTestSupport.journal;
import static io.tenantry.examples.register.RegisterTestSupport.ok;
import static io.tenantry.examples.register.RegisterTestSupport.register;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantry.examples.register.local.SaleJournal;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sales land exactly once: sold while the server is unreachable, then pushed; pushed while the
 * server's answers are lost (THREATS 27). The server is the real POS; "unreachable" and "lost" are
 * made by a TCP relay between the register and the server.
 */
class PushExactlyOnceTest {

  @TempDir
  Path dir;

  PosApi owner;
  String store;
  PosApi.Register register;

  @BeforeEach
  void company() {
    PosServer pos = PosServer.get();
    owner = PosApi.newCompany(pos.url, "Offline Grocers");
    store = owner.store("Main St");
    register = owner.register(store, "R1");
    owner.product("MILK", "Milk 1 l", "3.99");
    owner.product("BREAD", "Bread", "2.50");
    owner.taxRate("0.0825");
  }

  @Test
  void push_afterSellingWhileServerUnreachable_landsEverySaleOnce() throws Exception {
    try (TcpRelay network = new TcpRelay(PosServer.get().port)) {
      Path db = register(dir.resolve("r1.db"), network.url(), register.key());
      network.stop();

      for (int i = 0; i < 5; i++) {
        Cli.Result sold = ok("sell", "MILK:2", "BREAD", "--db", db);
        assertThat(sold.out()).contains("subtotal 10.48, tax 0.86, total 11.34");
      }
      Cli.Result offline = expect(ExitCodes.SERVER_UNREACHABLE, "push", "--max-attempts", "2", "--retry-delay", "10",
          "--db", db);
      assertThat(offline.err()).contains("No answer from " + network.url()).contains("5 sales still pending");
      assertThat(count(journal(db), "pending")).isEqualTo(5);
      assertThat(ok("status", "--db", db).out()).contains("Pending:   5 sales, 56.70");

      network.start();
      Cli.Result pushed = ok("push", "--db", db);
      assertThat(pushed.out()).contains("Pushed 5 of 5 pending sales").contains("5 new, 0 already");
      assertThat(ok("push", "--db", db).out()).contains("Nothing to push");
    }
    List<SaleJournal.Entry> sales = journal(dir.resolve("r1.db"));
    assertThat(count(sales, "pushed")).isEqualTo(5);
    assertThat(sales).extracting(SaleJournal.Entry::serverSaleId).doesNotContainNull().doesNotHaveDuplicates();
    assertThat(owner.sales(store)).isEqualTo(new PosApi.StoreSales(5, "56.70"));
  }

  @Test
  void push_afterSellingWhileTheServerIsStopped_landsEverySaleOnceItIsBack() {
    PosServer pos = PosServer.get();
    Path db = register(dir.resolve("r1.db"), pos.url, register.key());
    ok("sell", "MILK", "--db", db);

    pos.shutDown();
    try {
      for (int i = 0; i < 4; i++) {
        ok("sell", "MILK:2", "BREAD", "--db", db);
      }
      Cli.Result offline = expect(ExitCodes.SERVER_UNREACHABLE, "push", "--max-attempts", "2", "--retry-delay", "10",
          "--db", db);
      assertThat(offline.err()).contains("5 sales still pending");
    } finally {
      pos.restart(); // the same port and data: the sales recorded before are still there
    }
    assertThat(ok("push", "--db", db).out()).contains("Pushed 5 of 5 pending sales").contains("5 new, 0 already");
    assertThat(ok("push", "--db", db).out()).contains("Nothing to push");
    assertThat(owner.signInAgain().sales(store)).isEqualTo(new PosApi.StoreSales(5, "49.68"));
    assertThat(journal(db)).extracting(SaleJournal.Entry::status).containsOnly("pushed");
  }

  @Test
  void push_whenTheServersAnswersAreLost_retriesWithTheSameClientSaleIdAndLandsOnce() throws Exception {
    try (TcpRelay network = new TcpRelay(PosServer.get().port)) {
      Path db = register(dir.resolve("r1.db"), network.url(), register.key());
      ok("sell", "MILK", "--repeat", "3", "--db", db);

      // the server records the sale, then the register hears nothing: it must retry the same clientSaleId
      network.loseNextResponses(2);
      Cli.Result pushed = ok("push", "--parallel", "1", "--retry-delay", "10", "--db", db);

      assertThat(network.lostResponses()).isEqualTo(2);
      assertThat(pushed.out()).contains("Pushed 3 of 3").contains("2 new, 1 already on the server");
      assertThat(owner.sales(store)).isEqualTo(new PosApi.StoreSales(3, "12.96"));
      assertThat(journal(db)).extracting(SaleJournal.Entry::status).containsOnly("pushed");
    }
  }

  @Test
  void push_twoPushesOfTheSameRegisterAtOnce_landEverySaleOnce() throws Exception {
    Path db = register(dir.resolve("r1.db"), PosServer.get().url, register.key());
    ok("sell", "MILK", "--repeat", "40", "--db", db);

    // e.g. a scheduled push and one started by hand: both read the same pending sales and send them
    ExecutorService both = Executors.newFixedThreadPool(2);
    try {
      Callable<Cli.Result> push = () -> Cli.run("push", "--parallel", "2", "--db", db.toString());
      List<Future<Cli.Result>> runs = both.invokeAll(List.of(push, push));
      int created = 0;
      for (Future<Cli.Result> run : runs) {
        Cli.Result result = run.get();
        assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.OK);
        Matcher counts = Pattern.compile("(\\d+) new, (\\d+) already").matcher(result.out());
        if (counts.find()) {
          created += Integer.parseInt(counts.group(1));
        } else { // started after the other had pushed everything
          assertThat(result.out()).contains("Nothing to push");
        }
      }
      assertThat(created).as("sales the server recorded as new, over both pushes").isEqualTo(40);
    } finally {
      both.shutdownNow();
    }
    assertThat(owner.sales(store)).isEqualTo(new PosApi.StoreSales(40, "172.80"));
    assertThat(journal(db)).extracting(SaleJournal.Entry::status).containsOnly("pushed");
  }
}
