package io.tenantry.spring.it;

import io.tenantry.hibernate.rls.IsolationAudit;
import io.tenantry.test.TenantryMigrations;
import io.tenantry.test.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The ids of {@code it/seed.sql} and the schema set-up shared by the HTTP tests. */
public final class World {

  public static final UUID A = UUID.fromString("10000000-0000-7000-8000-00000000000a");
  public static final UUID B = UUID.fromString("10000000-0000-7000-8000-00000000000b");
  public static final UUID A1 = UUID.fromString("20000000-0000-7000-8000-0000000000a1");
  public static final UUID A2 = UUID.fromString("20000000-0000-7000-8000-0000000000a2");
  public static final UUID B1 = UUID.fromString("20000000-0000-7000-8000-0000000000b1");
  public static final UUID RA1 = UUID.fromString("30000000-0000-7000-8000-0000000000a1");
  public static final UUID RA2 = UUID.fromString("30000000-0000-7000-8000-0000000000a2");
  public static final UUID RB1 = UUID.fromString("30000000-0000-7000-8000-0000000000b1");
  public static final UUID PA1 = UUID.fromString("40000000-0000-7000-8000-0000000000a1");
  public static final UUID PA2 = UUID.fromString("40000000-0000-7000-8000-0000000000a2");
  public static final UUID PB1 = UUID.fromString("40000000-0000-7000-8000-0000000000b1");

  private World() {}

  /**
   * Creates Tenantry's schema (its migrations) and the test tables as the owner, seeds them, and puts
   * row-level security on every tenant table (the policies an application would migrate), naming
   * {@code systemRole} (may be {@code null}) as the login for system access.
   */
  public static void create(TestDatabase db, String systemRole, String... extra) {
    TenantryMigrations.migrate(db.adminDataSource()); // core's and the starter's
    for (String name : extra) {
      db.execute(resource(name));
    }
    db.execute(IsolationAudit.of(db.adminDataSource()).policySql(systemRole));
  }

  public static String resource(String name) {
    try (InputStream in = World.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
