package io.tenantry.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantry.core.Tenancy;
import io.tenantry.hibernate.CompanyStatus;
import io.tenantry.hibernate.TenantProvisioning;
import io.tenantry.test.SecondDatabase;
import io.tenantry.test.TenantryPostgres;
import io.tenantry.test.TenantrySecondPostgres;
import io.tenantry.test.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Platform work about one company on the routing DataSource, with no {@code onCluster} around it: a company's
 * deactivation and reactivation ({@link TenantProvisioning}) write on the cluster that holds the company, and its
 * status is read there.
 */
@TenantryPostgres
@TenantrySecondPostgres
class PlatformWorkOnClustersTest {

  static final UUID A = UUID.randomUUID();
  static final UUID C = UUID.randomUUID();

  static TestDatabase one;
  static TestDatabase two;
  static InMemoryCompanyDirectory directory = new InMemoryCompanyDirectory();
  static CompanyClusters clusters;
  static SessionFactory sessionFactory;

  @BeforeAll
  static void setUp(TestDatabase first, SecondDatabase second) {
    one = first;
    two = second.database();
    HibernateOnClustersTest.migrateWithPolicies(one, two);
    one.execute("insert into tenantry_company (id, name) values ('" + A + "', 'A')");
    two.execute("insert into tenantry_company (id, name) values ('" + C + "', 'C')");
    directory.place(A, "one");
    directory.place(C, "two");
    clusters = CompanyClusters.builder(directory)
        .cluster("one", one.appRole().dataSource(), one.adminDataSource())
        .cluster("two", two.appRole().dataSource(), two.adminDataSource())
        .build();
    sessionFactory = HibernateOnClustersTest.sessionFactory(clusters.dataSource(), Map.of());
  }

  @AfterAll
  static void close() {
    sessionFactory.close();
  }

  @Test
  void deactivationWritesOnTheClusterOfTheCompany() {
    TenantProvisioning provisioning = TenantProvisioning.of(sessionFactory);
    provisioning.deactivateCompany(C, "unpaid");
    assertThat(deactivated(two, C)).isTrue();
    assertThat(deactivated(one, A)).isFalse();
    try (SessionFactory other = HibernateOnClustersTest.sessionFactory(clusters.dataSource(), Map.of())) {
      // another factory has no cached answer: the status is read on the company's cluster
      assertThat(CompanyStatus.of(other).isActive(C)).isFalse();
      assertThat(CompanyStatus.of(other).isActive(A)).isTrue();
    }
    provisioning.reactivateCompany(C);
    assertThat(deactivated(two, C)).isFalse();

    provisioning.deactivateCompany(A, "unpaid"); // on the home cluster, as before
    assertThat(deactivated(one, A)).isTrue();
    provisioning.reactivateCompany(A);
    assertThat(deactivated(one, A)).isFalse();
    // pinned to the other cluster by the caller (what the documentation used to ask for): still the company's
    clusters.onCluster("one", () -> provisioning.deactivateCompany(C, "pinned elsewhere"));
    assertThat(deactivated(two, C)).isTrue();
    provisioning.reactivateCompany(C);
  }

  @Test
  void aMovingOrUnknownCompanyIsRefusedNamingTheFix() {
    TenantProvisioning provisioning = TenantProvisioning.of(sessionFactory);
    UUID moving = UUID.randomUUID();
    two.execute("insert into tenantry_company (id, name) values ('" + moving + "', 'M')");
    directory.place(moving, "two");
    directory.beginMove(moving, "two");
    try {
      assertThatThrownBy(() -> provisioning.deactivateCompany(moving, "x"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("is being moved away from cluster two")
          .hasMessageContaining("once the move has ended")
          .hasCauseInstanceOf(CompanyMovingException.class);
      assertThat(deactivated(two, moving)).isFalse();
    } finally {
      directory.endMove(moving, "two");
    }
    UUID unknown = UUID.randomUUID();
    assertThatThrownBy(() -> provisioning.deactivateCompany(unknown, "x"))
        .isInstanceOf(CompanyNotPlacedException.class).hasMessageContaining("CompanyDirectory.place");
  }

  @Test
  void workAboutACompanyIsCountedByTheDrainOfAMove() throws InterruptedException {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread worker = new Thread(() -> clusters.onClusterOf(C, () -> {
      inside.countDown();
      await(release);
      return null;
    }));
    worker.start();
    await(inside);
    assertThat(clusters.awaitClosed(C, Duration.ofMillis(50))).isFalse();
    release.countDown();
    worker.join();
    assertThat(clusters.awaitClosed(C, Duration.ofSeconds(5))).isTrue();
    assertThat(Tenancy.isBound()).isFalse();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean deactivated(TestDatabase db, UUID company) {
    DataSource admin = db.adminDataSource();
    try (Connection c = admin.getConnection(); ResultSet rs = c.createStatement().executeQuery(
        "select deactivated_at is not null from tenantry_company where id = '" + company + "'")) {
      assertThat(rs.next()).as("company " + company + " on " + db).isTrue();
      return rs.getBoolean(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
