package io.tenantry.examples.register;

import static io.tenantry.examples.register.RegisterTestSupport.count;
import static io.tenantry.examples.register.RegisterTestSupport.expect;
import static io.tenantry.examples.register.RegisterTestSupport.journal;
import static io.tenantry.examples.register.RegisterTestSupport.ok;
import static io.tenantry.examples.register.RegisterTestSupport.register;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantry.examples.register.local.LocalDatabase;
import io.tenantry.examples.register.local.SaleJournal;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A push the server refuses loses nothing: a key the server no longer accepts, or a key of another
 * store's register in the file, stops the push with exit code 5 and every sale stays pending; a sale
 * the server rejects for its content (here: a product of another company, THREATS 3 from a register)
 * is kept as rejected with the server's reason, listed, never re-sent, and the others land (exit 7).
 */
class RefusedPushTest {

  @TempDir
  Path dir;

  String url;
  PosApi owner;
  String mainSt;
  Path db;

  @BeforeEach
  void company() {
    url = PosServer.get().url;
    owner = PosApi.newCompany(url, "Refusal Grocers");
    mainSt = owner.store("Main St");
    owner.product("MILK", "Milk 1 l", "3.99");
    db = register(dir.resolve("r1.db"), url, owner.register(mainSt, "R1").key());
    ok("sell", "MILK", "--repeat", "3", "--db", db);
  }

  @Test
  void push_withAKeyTheServerDoesNotAccept_exits5_andKeepsEverySalePending() {
    String key = storedKey();
    setStoredKey(key.substring(0, key.length() - 4) + (key.endsWith("aaaa") ? "bbbb" : "aaaa"));

    Cli.Result refused = expect(ExitCodes.SERVER_REFUSED, "push", "--db", db);

    assertThat(refused.err()).contains("refused this register").contains("HTTP 401");
    assertThat(refused.err()).doesNotContain(key); // the key is a secret: never printed
    assertThat(count(journal(db), "pending")).isEqualTo(3);
    assertThat(owner.sales(mainSt)).isEqualTo(new PosApi.StoreSales(0, "0.00"));

    setStoredKey(key);
    assertThat(ok("push", "--db", db).out()).contains("Pushed 3 of 3").contains("3 new");
    assertThat(owner.sales(mainSt)).isEqualTo(new PosApi.StoreSales(3, "11.97"));
  }

  @Test
  void push_withAnotherStoresRegisterKeyInTheFile_exits5_andKeepsTheSalesPending() {
    String oakAve = owner.store("Oak Ave");
    setStoredKey(owner.register(oakAve, "R1").key());

    Cli.Result refused = expect(ExitCodes.SERVER_REFUSED, "push", "--parallel", "1", "--db", db);

    assertThat(refused.err()).contains("not this register's store " + mainSt).contains("stays pending");
    assertThat(count(journal(db), "pending")).isEqualTo(3);
    assertThat(owner.sales(mainSt)).isEqualTo(new PosApi.StoreSales(0, "0.00"));
  }

  @Test
  void push_saleNamingAnotherCompanysProduct_isRejected_kept_listed_andNeverResent() {
    PosApi other = PosApi.newCompany(url, "Other Grocers");
    String otherStore = other.store("Elsewhere");
    String foreignProduct = other.product("CAVIAR", "Caviar", "99.00");
    String rejectedSale = journal(db).get(0).clientSaleId();
    inFile("update sale_line set product_id = ? where sale_seq = (select seq from sale where client_sale_id = ?)",
        foreignProduct, rejectedSale);

    Cli.Result pushed = expect(ExitCodes.SALES_REJECTED, "push", "--db", db);

    assertThat(pushed.out()).contains("Pushed 2 of 3").contains("Rejected by the server: 1 sale")
        .contains(rejectedSale).contains("HTTP 404");
    List<SaleJournal.Entry> sales = journal(db);
    assertThat(count(sales, "pushed")).isEqualTo(2);
    assertThat(sales).filteredOn(s -> s.clientSaleId().equals(rejectedSale))
        .extracting(SaleJournal.Entry::status).containsExactly("rejected");
    assertThat(owner.sales(mainSt)).isEqualTo(new PosApi.StoreSales(2, "7.98"));
    assertThat(other.sales(otherStore)).isEqualTo(new PosApi.StoreSales(0, "0.00"));

    assertThat(ok("status", "--db", db).out()).contains("Rejected:  1 sale").contains(rejectedSale);
    assertThat(ok("push", "--db", db).out()).contains("Nothing to push").contains("1 rejected earlier");
    assertThat(owner.sales(mainSt)).isEqualTo(new PosApi.StoreSales(2, "7.98"));
  }

  private String storedKey() {
    try (LocalDatabase local = LocalDatabase.open(db)) {
      return local.query("select register_key from register_identity", rs -> rs.getString(1)).orElseThrow();
    }
  }

  private void setStoredKey(String key) {
    inFile("update register_identity set register_key = ?", key);
  }

  /** Edits the register's file behind the CLI's back, as a damaged or tampered file would be. */
  private void inFile(String sql, Object... parameters) {
    try (LocalDatabase local = LocalDatabase.open(db)) {
      int changed = local.inTransaction(c -> {
        try (PreparedStatement p = c.prepareStatement(sql)) {
          for (int i = 0; i < parameters.length; i++) {
            p.setObject(i + 1, parameters[i]);
          }
          return p.executeUpdate();
        }
      });
      assertThat(changed).as(sql).isEqualTo(1);
    }
  }
}
