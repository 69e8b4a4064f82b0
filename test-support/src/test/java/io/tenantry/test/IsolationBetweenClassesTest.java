package io.tenantry.test;

import static io.tenantry.test.AppRoleTest.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Runs sample test classes through the JUnit engine, in this JVM, and looks at what they saw and left behind.
 * The samples are static nested classes, which Surefire does not run by itself.
 */
@TenantryPostgres
class IsolationBetweenClassesTest {

  static volatile String firstDatabase;
  static volatile String secondDatabase;
  static volatile String firstRole;
  static volatile boolean secondSawFirstTable;
  static volatile String outsiderUrl;
  static volatile Throwable outsiderFailure;

  @Test
  void twoClasses_getTwoDifferentDatabases_andEachIsDroppedWithItsRolesAfterwards(TestDatabase db)
      throws SQLException {
    Events tests = run(FirstSample.class, SecondSample.class);

    tests.assertStatistics(stats -> stats.started(2).succeeded(2).failed(0).aborted(0));
    assertThat(firstDatabase).isNotNull().isNotEqualTo(secondDatabase);
    assertThat(secondDatabase).isNotNull();
    assertThat(secondSawFirstTable).isFalse();
    assertThat(single(db.adminDataSource(), "SELECT count(*) FROM pg_database WHERE datname IN ('"
        + firstDatabase + "', '" + secondDatabase + "')")).isEqualTo("0");
    assertThat(single(db.adminDataSource(), "SELECT count(*) FROM pg_roles WHERE rolname = '" + firstRole + "'"))
        .isEqualTo("0");
  }

  @Test
  void appRole_cannotConnectToAnotherClassDatabase(TestDatabase db) {
    outsiderUrl = db.jdbcUrl();

    run(OutsiderSample.class).assertStatistics(stats -> stats.started(1).succeeded(1));

    assertThat(outsiderFailure).isInstanceOf(SQLException.class)
        .hasMessageContaining("permission denied for database \"" + db.name() + "\"");
  }

  private static Events run(Class<?>... classes) {
    var request = EngineTestKit.engine("junit-jupiter");
    for (Class<?> sample : classes) {
      request.selectors(selectClass(sample));
    }
    return request.execute().testEvents();
  }

  @TenantryPostgres
  static class FirstSample {
    @Test
    void recordsItsDatabase(TestDatabase db) throws SQLException {
      db.execute("CREATE TABLE only_in_first (id int)");
      firstDatabase = single(db.adminDataSource(), "SELECT current_database()");
      firstRole = db.appRole().name();
    }
  }

  @TenantryPostgres
  static class SecondSample {
    @Test
    void recordsItsDatabase(TestDatabase db) throws SQLException {
      secondDatabase = single(db.adminDataSource(), "SELECT current_database()");
      secondSawFirstTable = !"0".equals(single(db.adminDataSource(),
          "SELECT count(*) FROM pg_tables WHERE tablename = 'only_in_first'"));
    }
  }

  @TenantryPostgres
  static class OutsiderSample {
    @Test
    void triesTheOtherDatabase(TestDatabase db) {
      AppRole role = db.appRole();
      outsiderFailure = null;
      assertThatThrownBy(() -> DriverManager.getConnection(outsiderUrl, role.name(), role.password()).close())
          .satisfies(failure -> outsiderFailure = failure);
    }
  }
}
