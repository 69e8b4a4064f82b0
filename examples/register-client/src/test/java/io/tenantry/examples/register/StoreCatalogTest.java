package io.tenantry.examples.register;

import static io.tenantry.examples.register.RegisterTestSupport.expect;
import static io.tenantry.examples.register.RegisterTestSupport.ok;
import static io.tenantry.examples.register.RegisterTestSupport.register;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A register pulls only what is relevant to its store: its store's overrides reach every register of
 * that store, another store's never reach it, another company's catalog never at all; and a sale
 * priced from a stale local catalog is reported, not hidden, when the server prices it.
 */
class StoreCatalogTest {

  @TempDir
  Path dir;

  PosApi owner;
  String mainSt;
  String oakAve;
  String milk;
  Path main1;
  Path main2;
  Path oak1;

  @BeforeEach
  void company() {
    String url = PosServer.get().url;
    owner = PosApi.newCompany(url, "Poco Loco");
    mainSt = owner.store("Main St");
    oakAve = owner.store("Oak Ave");
    milk = owner.product("MILK", "Milk 1 l", "3.99");
    main1 = register(dir.resolve("main-1.db"), url, owner.register(mainSt, "R1").key());
    main2 = register(dir.resolve("main-2.db"), url, owner.register(mainSt, "R2").key());
    oak1 = register(dir.resolve("oak-1.db"), url, owner.register(oakAve, "R1").key());
  }

  @Test
  void sync_storeOverride_reachesEveryRegisterOfThatStore_andNoRegisterOfAnotherStore() {
    owner.storePrice(oakAve, milk, "4.29");
    assertThat(ok("sync", "--db", main1).out()).contains("0 changes");
    assertThat(ok("sync", "--db", main2).out()).contains("0 changes");
    assertThat(ok("sync", "--db", oak1).out()).contains("1 change ").contains("MILK").contains("3.99 -> 4.29");

    owner.storePrice(mainSt, milk, "3.49");
    assertThat(ok("sync", "--db", main1).out()).contains("3.99 -> 3.49");
    assertThat(ok("sync", "--db", main2).out()).contains("3.99 -> 3.49");
    assertThat(ok("sync", "--db", oak1).out()).contains("0 changes");

    assertThat(ok("sell", "MILK", "--db", main1).out()).contains("total 3.49");
    assertThat(ok("sell", "MILK", "--db", main2).out()).contains("total 3.49");
    assertThat(ok("sell", "MILK", "--db", oak1).out()).contains("total 4.29");
  }

  @Test
  void sync_removedStoreOverride_comesBackAsTheBasePrice() {
    owner.storePrice(mainSt, milk, "3.49");
    ok("sync", "--db", main1);
    owner.removeStorePrice(mainSt, milk);

    assertThat(ok("sync", "--db", main1).out()).contains("3.49 -> 3.99");
    assertThat(ok("sell", "MILK", "--db", main1).out()).contains("total 3.99");
  }

  @Test
  void sync_anotherCompanysCatalog_neverReachesTheRegister() {
    PosApi other = PosApi.newCompany(PosServer.get().url, "Corner Deli");
    other.store("Downtown");
    other.product("MILK", "Deli milk", "2.00");
    other.product("PASTRAMI", "Pastrami", "12.00");

    assertThat(ok("sync", "--db", main1).out()).contains("0 changes").contains("1 products");
    assertThat(expect(ExitCodes.NOT_SELLABLE, "sell", "PASTRAMI", "--db", main1).err()).contains("Unknown SKU");
    assertThat(ok("sell", "MILK", "--db", main1).out()).contains("Milk 1 l").contains("total 3.99");
  }

  @Test
  void push_saleSoldAtAStalePrice_recordsTheServerTotalNextToTheLocalOne_andReportsTheDifference() {
    ok("sell", "MILK:2", "--db", main1);
    owner.storePrice(mainSt, milk, "3.49"); // the register has not synced since

    Cli.Result pushed = expect(ExitCodes.TOTALS_DIFFER, "push", "--db", main1);
    assertThat(pushed.out())
        .contains("Server totals differ from the local ones for 1 sale")
        .contains("local 7.98 (tax 0.00), server 6.98 (tax 0.00); MILK x2: local 3.99, server 3.49")
        .contains("together: local 7.98, server 6.98");
    assertThat(owner.sales(mainSt)).isEqualTo(new PosApi.StoreSales(1, "6.98"));

    Cli.Result status = ok("status", "--db", main1);
    assertThat(status.out()).contains("Pushed:    1 sale, 1 with a server total different from the local one")
        .contains("MILK x2: local 3.99, server 3.49");
  }
}
