package io.tenantry.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import io.tenantry.test.SecondDatabase;
import io.tenantry.test.TenantryPostgres;
import io.tenantry.test.TenantrySecondPostgres;
import io.tenantry.test.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Company export, import, verify, delete and the move between two real PostgreSQL clusters. Every company has
 * products, card sales (a JOINED-style subclass table without company_id) and sale lines; names hold newlines,
 * tabs, quotes and backslashes, arrays hold nulls, so the COPY text round trip is exercised.
 */
@TenantryPostgres
@TenantrySecondPostgres
class CompanyMoveTest {

  static TestDatabase one;
  static TestDatabase two;
  static CompanyData dataOne;
  static CompanyData dataTwo;
  static JdbcCompanyDirectory directory;
  static CompanyClusters clusters;

  @BeforeAll
  static void setUp(TestDatabase first, SecondDatabase second) {
    one = first;
    two = second.database();
    Pos.create(one);
    Pos.create(two);
    one.execute(JdbcCompanyDirectory.ddl());
    directory = JdbcCompanyDirectory.of(one.adminDataSource());
    clusters = CompanyClusters.builder(directory)
        .cluster("one", one.appRole().dataSource(), one.adminDataSource())
        .cluster("two", two.appRole().dataSource(), two.adminDataSource())
        .build();
    dataOne = clusters.data("one");
    dataTwo = clusters.data("two");
  }

  static UUID company(String cluster, int products, int sales) {
    UUID id = UUID.randomUUID();
    Pos.company(cluster.equals("one") ? one : two, id, products, sales);
    directory.place(id, cluster);
    return id;
  }

  @Test
  void theDirectoryTableRefusesWritesThatLostARace() {
    UUID company = UUID.randomUUID();
    directory.place(company, "one");
    assertThatThrownBy(() -> directory.place(company, "two")).hasMessageContaining("already placed (on one)");
    assertThatThrownBy(() -> directory.beginMove(company, "two")).hasMessageContaining("it is on one");
    assertThatThrownBy(() -> directory.endMove(company, "two")).hasMessageContaining("is not moving");
    directory.beginMove(company, "one");
    assertThatThrownBy(() -> directory.beginMove(company, "one")).hasMessageContaining("moving away from one");
    directory.endMove(company, "two");
    assertThat(directory.find(company)).contains(new Placement("two", false));
    directory.remove(company);
    assertThat(directory.find(company)).isEmpty();
    // a move of a company the directory does not know is refused before anything is touched
    assertThatThrownBy(() -> CompanyMove.of(clusters).move(company, "two")).isInstanceOf(CompanyNotPlacedException.class);
  }

  @Test
  void tablesComeInForeignKeyOrder() {
    List<String> tables = dataOne.tables();
    assertThat(tables).containsExactlyInAnyOrder("tenantry_company", "product", "sale", "sale_line", "card_sale");
    assertThat(tables.indexOf("tenantry_company")).isZero();
    assertThat(tables.indexOf("sale_line")).isGreaterThan(tables.indexOf("sale")).isGreaterThan(0);
    assertThat(tables.indexOf("sale_line")).isGreaterThan(tables.indexOf("product"));
    assertThat(tables.indexOf("card_sale")).isGreaterThan(tables.indexOf("sale"));
  }

  @Test
  void aMoveCopiesEveryRowVerifiesSwitchesAndDeletesAtTheSourceLeavingOthersUntouched() {
    UUID moving = company("one", 5, 4);
    UUID stayingOne = company("one", 3, 2);
    UUID stayingTwo = company("two", 2, 1);
    Manifest before = dataOne.manifest(moving);
    Manifest otherOne = dataOne.manifest(stayingOne);
    Manifest otherTwo = dataTwo.manifest(stayingTwo);
    assertThat(before.rows()).isEqualTo(1 + 5 + 4 + 8 + 4);

    CompanyMove.Result result = CompanyMove.of(clusters).settle(Duration.ZERO).move(moving, "two");

    assertThat(result.sourceKept()).isNull();
    assertThat(result.manifest()).isEqualTo(before);
    assertThat(dataTwo.manifest(moving)).isEqualTo(before);       // nothing lost, nothing changed
    assertThat(dataOne.manifest(moving).rows()).isZero();        // nothing left behind (no duplicate)
    assertThat(dataOne.manifest(stayingOne)).isEqualTo(otherOne);
    assertThat(dataTwo.manifest(stayingTwo)).isEqualTo(otherTwo);
    assertThat(directory.find(moving)).contains(new Placement("two", false));
    Tenancy.run(TenantContext.ofCompany(moving), () -> {
      assertThat(CompanyClustersTest.count(clusters, "select count(*) from sale_line")).isEqualTo(8L);
      assertThat(CompanyClustersTest.count(clusters, "select count(*) from card_sale")).isEqualTo(4L);
    });
  }

  @Test
  void aMoveThatFailsVerificationLeavesTheSourceIntactAndTheDirectoryUnchanged() {
    UUID moving = company("one", 3, 2);
    Manifest before = dataOne.manifest(moving);
    // the target alters what it stores: the import reads back differently, so it must not commit
    two.execute("create function shift_price() returns trigger language plpgsql as $$ begin"
        + " new.price := new.price + 0.01; return new; end $$;"
        + " create trigger shift_price before insert on product for each row execute function shift_price()");
    try {
      assertThatThrownBy(() -> CompanyMove.of(clusters).settle(Duration.ZERO).move(moving, "two"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("stays on one")
          .hasMessageContaining("product: 3 rows");
    } finally {
      two.execute("drop trigger shift_price on product; drop function shift_price()");
    }
    assertThat(dataOne.manifest(moving)).isEqualTo(before);
    assertThat(dataTwo.manifest(moving).rows()).isZero();
    assertThat(directory.find(moving)).contains(new Placement("one", false));
    Tenancy.run(TenantContext.ofCompany(moving),
        () -> assertThat(CompanyClustersTest.count(clusters, "select count(*) from product")).isEqualTo(3L));
  }

  @Test
  void aDeleteRefusesRowsThatChangedSinceTheExport() {
    UUID company = company("two", 2, 1);
    ByteArrayOutputStream export = new ByteArrayOutputStream();
    Manifest exported = dataTwo.export(company, export);
    two.execute("update product set price = price + 1 where company_id = '" + company + "' and price = 1.25");
    assertThatThrownBy(() -> dataTwo.delete(company, exported))
        .isInstanceOf(CompanyDataMismatchException.class).hasMessageContaining("changed since the export");
    assertThat(dataTwo.manifest(company).rows()).isEqualTo(exported.rows());
  }

  @Test
  void anImportIntoADatabaseThatHoldsTheCompanyIsRefused() {
    UUID company = company("one", 2, 1);
    ByteArrayOutputStream export = new ByteArrayOutputStream();
    Manifest exported = dataOne.export(company, export);
    assertThatThrownBy(() -> dataOne.importFrom(new ByteArrayInputStream(export.toByteArray())))
        .hasMessageContaining("already holds " + exported.rows() + " rows");
    assertThat(dataOne.manifest(company)).isEqualTo(exported);
    byte[] truncated = java.util.Arrays.copyOf(export.toByteArray(), export.size() / 2);
    assertThatThrownBy(() -> dataTwo.importFrom(new ByteArrayInputStream(truncated))).hasMessageContaining("truncated");
    assertThat(dataTwo.manifest(company).rows()).isZero();
  }

  @Test
  void theCommandExportsVerifiesAndDeletesForOffboarding(@TempDir Path dir) throws Exception {
    UUID company = company("two", 3, 2);
    Manifest before = dataTwo.manifest(company);
    Path file = dir.resolve("company.export");
    String url = two.jdbcUrl();
    String user = two.adminUser();
    String password = two.adminPassword();
    assertThat(cli(password, "export", "--url", url, "--user", user, "--company", company.toString(),
        "--file", file.toString())).startsWith("0:").contains(before.rows() + " rows");
    assertThat(Files.readString(file)).startsWith(CompanyData.MAGIC);
    assertThat(cli(password, "verify", "--url", url, "--user", user, "--file", file.toString())).startsWith("0:");
    assertThat(cli(password, "delete", "--url", url, "--user", user, "--company", company.toString(),
        "--file", file.toString())).startsWith("0:");
    assertThat(dataTwo.manifest(company).rows()).isZero();
    assertThat(cli(password, "verify", "--url", url, "--user", user, "--file", file.toString()))
        .startsWith("1:").contains("differs");
    // the export restores the company (a data request answered, or an offboarding undone)
    assertThat(cli(password, "import", "--url", url, "--user", user, "--file", file.toString())).startsWith("0:");
    assertThat(dataTwo.manifest(company)).isEqualTo(before);
    assertThat(cli(password, "export", "--url", url)).startsWith("2:");
  }

  static String cli(String password, String... args) {
    StringWriter out = new StringWriter();
    int code = CompanyDataCli.run(args, password, new PrintWriter(out, true), new PrintWriter(out, true));
    return code + ":" + out;
  }

  static long countAsOwner(TestDatabase db, String sql) throws SQLException {
    try (Connection c = db.adminDataSource().getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
