package io.tenantry.examples.register;

import static io.tenantry.examples.register.RegisterTestSupport.expect;
import static io.tenantry.examples.register.RegisterTestSupport.journal;
import static io.tenantry.examples.register.RegisterTestSupport.ok;
import static io.tenantry.examples.register.RegisterTestSupport.register;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantry.examples.register.local.LocalDatabaseException;
import io.tenantry.examples.register.local.SaleJournal;
import io.tenantry.examples.register.server.PosClient;
import io.tenantry.examples.register.server.RetryPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sale's customer: recorded in the journal, sent by the push, points awarded by the server once, at
 * every store of the company; the lookup sees the register's company only; and a register database of
 * schema version 1 (before customers) is upgraded in place with its pending sales intact.
 */
class CustomerLoyaltyTest {

  @TempDir
  Path dir;

  PosApi owner;
  String mainSt;
  String milkId;

  @BeforeEach
  void company() {
    owner = PosApi.newCompany(PosServer.get().url, "Loyal Grocers");
    mainSt = owner.store("Main St");
    milkId = owner.product("MILK", "Milk 1 l", "3.99");
    owner.product("BREAD", "Bread", "2.50");
    owner.taxRate("0.0825");
  }

  @Test
  void push_withCustomer_awardsPointsOnce_atEveryStoreOfTheCompany() {
    String ada = owner.customer("Ada Lovelace", "555-0101");
    Path r1 = register(dir.resolve("r1.db"), PosServer.get().url, owner.register(mainSt, "R1").key());
    ok("sell", "MILK:2", "BREAD", "--customer", ada, "--db", r1);
    ok("push", "--db", r1);
    assertThat(owner.points(ada)).isEqualTo(11); // total 11.34: one point per whole unit
    assertThat(journal(r1)).extracting(SaleJournal.Entry::customerId).containsExactly(ada);
    assertThat(ok("push", "--db", r1).out()).contains("Nothing to push");
    assertThat(owner.points(ada)).isEqualTo(11);

    // another store of the company finds the same customer and adds to the same points
    String oakAve = owner.store("Oak Ave");
    PosApi.Register r2Key = owner.register(oakAve, "R2");
    assertThat(client(r2Key).customers("lovelace")).extracting(PosClient.Customer::id).containsExactly(ada);
    assertThat(client(r2Key).customers("555-01")).extracting(PosClient.Customer::loyaltyPoints).containsExactly(11L);
    Path r2 = register(dir.resolve("r2.db"), PosServer.get().url, r2Key.key());
    ok("sell", "MILK", "--customer", ada, "--db", r2);
    ok("push", "--db", r2);
    assertThat(owner.points(ada)).isEqualTo(15); // + 4.32
    assertThat(owner.sales(mainSt)).isEqualTo(new PosApi.StoreSales(1, "11.34"));
    assertThat(owner.sales(oakAve)).isEqualTo(new PosApi.StoreSales(1, "4.32"));
  }

  @Test
  void anotherCompanysRegister_cannotFindOrCreditTheCustomer() {
    String ada = owner.customer("Ada Lovelace", "555-0101");
    PosApi rival = PosApi.newCompany(PosServer.get().url, "Rival Grocers");
    String rivalStore = rival.store("High St");
    rival.product("MILK", "Milk 1 l", "3.99");
    PosApi.Register rivalKey = rival.register(rivalStore, "R1");
    rival.customer("Grace Hopper", "555-0202");

    PosClient rivalRegister = client(rivalKey);
    assertThat(rivalRegister.customers("Ada")).isEmpty();
    assertThat(rivalRegister.customers("555-0101")).isEmpty();
    assertThat(rivalRegister.customers("555")).extracting(PosClient.Customer::name).containsExactly("Grace Hopper");
    // and the owner's register does not see the rival's customer
    assertThat(client(owner.register(mainSt, "R1")).customers("Grace")).isEmpty();

    // a sale naming the other company's customer is refused, parked, and credits no one
    Path db = register(dir.resolve("rival.db"), PosServer.get().url, rivalKey.key());
    ok("sell", "MILK", "--customer", ada, "--db", db);
    Cli.Result push = expect(ExitCodes.SALES_REJECTED, "push", "--db", db);
    assertThat(push.out()).contains("Rejected by the server: 1 sale");
    assertThat(journal(db)).extracting(SaleJournal.Entry::status).containsExactly("rejected");
    assertThat(owner.points(ada)).isZero();
  }

  @Test
  void sell_withAnInvalidCustomerId_isRefusedBeforeAnythingIsRecorded() {
    Path db = register(dir.resolve("r1.db"), PosServer.get().url, owner.register(mainSt, "R1").key());
    Cli.Result refused = expect(ExitCodes.USAGE, "sell", "MILK", "--customer", "ada", "--db", db);
    assertThat(refused.err()).contains("A customer id is a UUID the POS issued, was 'ada'");
    assertThat(journal(db)).isEmpty();
  }

  @Test
  void version1File_isUpgradedInPlace_itsPendingSaleIsPushedOnce() throws Exception {
    PosApi.Register key = owner.register(mainSt, "R1");
    Path db = dir.resolve("old.db");
    String clientSaleId = UUID.randomUUID().toString();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
      for (String ddl : resource("/register-v1.sql").split(";")) {
        if (!ddl.replaceAll("(?m)^--.*$", "").isBlank()) {
          s.execute(ddl);
        }
      }
      s.execute("pragma application_id = " + 0x54524547);
      s.execute("pragma user_version = 1");
      s.executeUpdate("insert into register_identity values (1, '" + PosServer.get().url + "', '" + key.key() + "', '"
          + mainSt + "', 'Main St', null, '2026-01-01T00:00:00Z')");
      s.executeUpdate("insert into sync_state(singleton, tax_rate) values (1, '0.0825')");
      s.executeUpdate("insert into sale(client_sale_id, created_at, status, tax_rate, local_subtotal_cents,"
          + " local_tax_cents, local_total_cents) values ('" + clientSaleId + "', '2026-01-01T00:00:00Z', 'pending',"
          + " '0.0825', 399, 33, 432)");
      s.executeUpdate("insert into sale_line(sale_seq, line_no, product_id, sku, name, quantity, unit_price_cents)"
          + " values (1, 0, '" + milkId + "', 'MILK', 'Milk 1 l', 1, 399)");
    }
    assertThat(userVersion(db)).isEqualTo(1);

    assertThat(ok("push", "--db", db).out()).contains("Pushed 1 of 1 pending sale").contains("1 new");
    assertThat(userVersion(db)).isEqualTo(2);
    assertThat(journal(db)).singleElement().satisfies(e -> {
      assertThat(e.clientSaleId()).isEqualTo(clientSaleId);
      assertThat(e.status()).isEqualTo("pushed");
      assertThat(e.customerId()).isNull();
    });
    assertThat(ok("push", "--db", db).out()).contains("Nothing to push");
    assertThat(owner.sales(mainSt)).isEqualTo(new PosApi.StoreSales(1, "4.32"));

    // the upgraded file sells to a customer like a new one
    String ada = owner.customer("Ada Lovelace", "555-0101");
    ok("sync", "--db", db);
    ok("sell", "MILK", "--customer", ada, "--db", db);
    ok("push", "--db", db);
    assertThat(owner.points(ada)).isEqualTo(4);
  }

  @Test
  void fileOfANewerSchemaVersion_isRefusedAndLeftAlone() throws Exception {
    Path db = register(dir.resolve("r1.db"), PosServer.get().url, owner.register(mainSt, "R1").key());
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
      s.execute("pragma user_version = 3");
    }
    byte[] before = Files.readAllBytes(db);
    assertThatThrownBy(() -> journal(db)).isInstanceOf(LocalDatabaseException.class)
        .hasMessageContaining("schema version 3").hasMessageContaining("reads versions 1 to 2");
    assertThat(Files.readAllBytes(db)).isEqualTo(before);
    assertThat(userVersion(db)).isEqualTo(3);
  }

  private static PosClient client(PosApi.Register register) {
    return new PosClient(PosServer.get().url, register.key(), Duration.ofSeconds(10),
        new RetryPolicy(1, Duration.ZERO, Duration.ZERO));
  }

  private static int userVersion(Path db) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("pragma user_version")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = CustomerLoyaltyTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
