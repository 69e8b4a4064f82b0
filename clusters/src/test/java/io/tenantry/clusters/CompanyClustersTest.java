package io.tenantry.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import io.tenantry.hibernate.rls.AuditReport;
import io.tenantry.hibernate.rls.IsolationAudit;
import io.tenantry.hibernate.rls.TenantryRls;
import io.tenantry.test.SecondDatabase;
import io.tenantry.test.TenantryPostgres;
import io.tenantry.test.TenantrySecondPostgres;
import io.tenantry.test.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Companies on two real PostgreSQL clusters behind one routing DataSource. A and B live on cluster "one" (3 and 2
 * products), C on cluster "two" (4 products); counts name whose rows were seen. Every attack is made as a bound
 * tenant with the application login, through the DataSource the application uses.
 */
@TenantryPostgres
@TenantrySecondPostgres
class CompanyClustersTest {

  static final UUID A = UUID.randomUUID();
  static final UUID B = UUID.randomUUID();
  static final UUID C = UUID.randomUUID();

  static TestDatabase one;
  static TestDatabase two;
  static InMemoryCompanyDirectory directory = new InMemoryCompanyDirectory();
  static CompanyClusters clusters;
  static DataSource app;
  static UUID productOfC;

  @BeforeAll
  static void setUp(TestDatabase first, SecondDatabase second) throws SQLException {
    one = first;
    two = second.database();
    assertThat(port(one.adminDataSource())).isNotEqualTo(port(two.adminDataSource()));
    for (TestDatabase db : List.of(one, two)) {
      Pos.create(db);
    }
    Pos.company(one, A, 3, 2);
    Pos.company(one, B, 2, 1);
    Pos.company(two, C, 4, 3);
    directory.place(A, "one");
    directory.place(B, "one");
    directory.place(C, "two");
    clusters = CompanyClusters.builder(directory)
        .cluster("one", one.appRole().dataSource(), one.adminDataSource())
        .cluster("two", two.appRole().dataSource(), two.adminDataSource())
        .build();
    app = clusters.dataSource();
    try (Connection c = two.adminDataSource().getConnection(); ResultSet rs = c.createStatement()
        .executeQuery("select id from product where company_id = '" + C + "' limit 1")) {
      rs.next();
      productOfC = rs.getObject(1, UUID.class);
    }
  }

  @Test
  void eachTenantIsRoutedToItsCompanysClusterAndSeesOnlyItsRows() {
    Tenancy.run(TenantContext.ofCompany(A), () -> {
      assertThat(query("select count(*) from product")).isEqualTo(3L);
      assertThat(query("select inet_server_port()")).isEqualTo(port(one.adminDataSource()));
    });
    Tenancy.run(TenantContext.ofCompany(B), () -> assertThat(query("select count(*) from product")).isEqualTo(2L));
    Tenancy.run(TenantContext.ofCompany(C), () -> {
      assertThat(query("select count(*) from product")).isEqualTo(4L);
      assertThat(query("select count(*) from sale_line")).isEqualTo(6L);
      assertThat(query("select inet_server_port()")).isEqualTo(port(two.adminDataSource()));
    });
  }

  @Test
  void aTenantOnClusterOneCannotReachClusterTwosRows() {
    Tenancy.run(TenantContext.ofCompany(A), () -> {
      assertThat(query("select count(*) from product where company_id = '" + C + "'")).isEqualTo(0L);
      assertThat(query("select count(*) from product where id = '" + productOfC + "'")).isEqualTo(0L);
      assertThat(query("select count(*) from product where company_id <> '" + A + "'")).isEqualTo(0L);
      // a write claiming company C lands nowhere: row-level security refuses it on cluster one
      assertThatThrownBy(() -> query("insert into product (id, company_id, name, price) values (gen_random_uuid(), '"
          + C + "', 'planted', 1) returning 1")).hasMessageContaining("row-level security");
      // and the settings cannot be forged to switch the connection's cluster: the port stays cluster one's
      assertThat(query("select inet_server_port()")).isEqualTo(port(one.adminDataSource()));
    });
    assertThat(countAsOwner(two, "select count(*) from product where company_id = '" + C + "'")).isEqualTo(4L);
    assertThat(countAsOwner(one, "select count(*) from product where name = 'planted'")).isZero();
    assertThat(countAsOwner(two, "select count(*) from product where name = 'planted'")).isZero();
  }

  @Test
  void anUnknownCompanyIsRefusedWithAClearErrorAndNoConnection() {
    UUID stranger = UUID.randomUUID();
    Tenancy.run(TenantContext.ofCompany(stranger), () -> assertThatThrownBy(app::getConnection)
        .isInstanceOf(CompanyNotPlacedException.class)
        .hasMessageContaining(stranger.toString())
        .hasMessageContaining("CompanyDirectory.place"));
  }

  @Test
  void aMovingCompanyIsRefusedUntilTheMoveEnds() throws SQLException {
    directory.beginMove(B, "one");
    try {
      Tenancy.run(TenantContext.ofCompany(B), () -> assertThatThrownBy(app::getConnection)
          .isInstanceOf(CompanyMovingException.class).hasMessageContaining("Retry later"));
      Tenancy.run(TenantContext.ofCompany(A), () -> assertThat(query("select count(*) from product")).isEqualTo(3L));
    } finally {
      directory.endMove(B, "one");
    }
    Tenancy.run(TenantContext.ofCompany(B), () -> assertThat(query("select count(*) from product")).isEqualTo(2L));
  }

  @Test
  void systemWorkRunsOnANamedClusterOrOnEachElseOnTheHomeCluster() {
    // unpinned: the home cluster (global tables live there), so it sees A and B only
    assertThat((long) Tenancy.asSystem("count products", () -> query("select count(*) from product"))).isEqualTo(5L);
    long onTwo = clusters.onCluster("two", () -> Tenancy.asSystem("count products",
        () -> query("select count(*) from product")));
    assertThat(onTwo).isEqualTo(4L);
    Map<String, Long> perCluster = new LinkedHashMap<>();
    clusters.asSystemOnEachCluster("count products", name -> perCluster.put(name, query("select count(*) from product")));
    assertThat(perCluster).containsExactly(Map.entry("one", 5L), Map.entry("two", 4L));
    assertThatThrownBy(() -> clusters.onCluster("three", () -> { })).hasMessageContaining("No cluster named 'three'");
  }

  @Test
  void nothingBoundGoesToTheHomeClusterAndSeesNoTenantRows() {
    assertThat(query("select inet_server_port()")).isEqualTo(port(one.adminDataSource()));
    assertThat(query("select count(*) from product")).isEqualTo(0L);
    assertThat(TenantryRls.isWrapped(app)).isTrue();
    assertThat(CompanyClusters.behind(app)).containsSame(clusters);
  }

  @Test
  void theIsolationAuditRunsOnEveryClusterAndNamesTheOneWithAHole() {
    Map<String, AuditReport> clean = clusters.audit(name -> IsolationAudit.of(clusters.clusterDataSource(name))
        .appRole((name.equals("one") ? one : two).appRole().name()));
    assertThat(clean.keySet()).containsExactly("one", "two");
    clean.values().forEach(AuditReport::assertClean);
    two.execute("alter table sale no force row level security");
    try {
      Map<String, AuditReport> reports = clusters.audit(name -> IsolationAudit.of(clusters.clusterDataSource(name))
          .appRole((name.equals("one") ? one : two).appRole().name()));
      assertThat(reports.get("one").isClean()).isTrue();
      assertThat(reports.get("two").isClean()).isFalse();
      assertThat(reports.get("two").summary(5)).contains("sale");
    } finally {
      two.execute("alter table sale force row level security");
    }
  }

  static long query(String sql) {
    return count(clusters, sql);
  }

  static long count(CompanyClusters clusters, String sql) {
    try (Connection c = clusters.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  static long countAsOwner(TestDatabase db, String sql) {
    try (Connection c = db.adminDataSource().getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  static long port(DataSource ds) {
    try (Connection c = ds.getConnection(); ResultSet rs = c.createStatement().executeQuery("select inet_server_port()")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }
}
