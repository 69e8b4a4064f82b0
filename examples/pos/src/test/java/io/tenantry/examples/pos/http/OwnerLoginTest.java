package io.tenantry.examples.pos.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.tenantry.test.TestDatabase;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 22, item 6: the owner login (it migrates; a superuser on the embedded server) holds no connection
 * in the serving application. After the start and requests of every kind, PostgreSQL's
 * {@code pg_stat_activity} shows the app role's pool ({@code pos-app}) and none of the owner's.
 */
class OwnerLoginTest extends RunningPos {

  OwnerLoginTest(TestDatabase db) {
    super(db);
  }

  @Test
  void theServingApplication_holdsNoOwnerLoginConnection() {
    signup("Poco Loco", "owner@pool.example");
    String owner = login("owner@pool.example");
    UUID store = store(owner, "Main St");
    product(owner, "MILK", "3.99");
    String key = registerKey(owner, store, "R1");
    expect(get("/api/sync/catalog", key), 200);

    String here = "datname = current_database() and pid <> pg_backend_pid()";
    assertThat(admin("select count(*) from pg_stat_activity where " + here + " and application_name = 'pos-app'"))
        .as("the app role's pool is seen by its name (else the next check proves nothing)").isPositive();
    assertThat(admin("select count(*) from pg_stat_activity where " + here + " and application_name = 'pos-owner'"))
        .as("connections of the owner's (migration) pool").isZero();
    assertThat(admin("select count(*) from pg_stat_activity where " + here + " and usename = '" + db.adminUser()
        + "' and application_name like 'pos-%'")).as("connections of the application as the owner login").isZero();
    assertThat(context.getBean("ownerDataSource", HikariDataSource.class).isClosed()).isTrue();
  }
}
