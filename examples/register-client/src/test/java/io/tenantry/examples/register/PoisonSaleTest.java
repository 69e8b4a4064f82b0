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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22, item 3, end to end: a sale the server can never store (two lines of 10,000 × 99,999,999.99:
 * a total wider than the server's amount column) was a 500 that the register retried for ever, holding
 * back the sales after it — a poison message. The POS now answers it 400 problem+json; the register parks
 * it (status {@code rejected}, the server's reason kept and shown), pushes the others, exits 7, and never
 * sends it again.
 */
class PoisonSaleTest {

  @TempDir
  Path dir;

  @Test
  void aSaleTheServerCannotStore_isParked_andTheOthersLand() {
    String url = PosServer.get().url;
    PosApi owner = PosApi.newCompany(url, "Poison Grocers");
    String store = owner.store("Main St");
    owner.product("MILK", "Milk 1 l", "3.99");
    owner.product("GOLD", "Gold bar", "99999999.99");
    Path db = register(dir.resolve("r1.db"), url, owner.register(store, "R1").key());
    ok("sell", "MILK", "--db", db);
    Cli.Result poison = ok("sell", "GOLD:10000", "GOLD:10000", "--db", db);
    ok("sell", "MILK:2", "--repeat", "3", "--db", db);
    String poisonId = journal(db).get(1).clientSaleId();
    assertThat(poison.out()).contains(poisonId);

    Cli.Result pushed = expect(ExitCodes.SALES_REJECTED, "push", "--parallel", "1", "--db", db);

    assertThat(pushed.out()).contains("Pushed 4 of 5").contains("Rejected by the server: 1 sale, parked")
        .contains(poisonId).contains("HTTP 400").contains("total");
    List<SaleJournal.Entry> sales = journal(db);
    assertThat(count(sales, "pushed")).isEqualTo(4);
    assertThat(sales).filteredOn(s -> s.clientSaleId().equals(poisonId)).extracting(SaleJournal.Entry::status)
        .containsExactly("rejected");
    assertThat(owner.sales(store)).isEqualTo(new PosApi.StoreSales(4, "27.93"));

    assertThat(ok("status", "--db", db).out()).contains("Pending:   0 sales").contains("Rejected:  1 sale (parked")
        .contains(poisonId).contains("total");
    // later pushes neither resend it nor stop at it
    ok("sell", "MILK", "--db", db);
    assertThat(ok("push", "--db", db).out()).contains("Pushed 1 of 1");
    assertThat(ok("push", "--db", db).out()).contains("Nothing to push").contains("1 rejected earlier");
    assertThat(owner.sales(store)).isEqualTo(new PosApi.StoreSales(5, "31.92"));
  }
}
