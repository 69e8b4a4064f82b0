package io.tenantry.hibernate;

import io.tenantry.test.TenantryPostgres;
import io.tenantry.test.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** {@link BoundaryGapsContract} with both walls: the generated policies and the row-level-security DataSource. */
@TenantryPostgres
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BoundaryGapsBothWallsTest extends BoundaryGapsContract {

  World w;
  TestDatabase db;

  @BeforeAll
  void world(TestDatabase database) {
    db = database;
    w = World.createWithRls(database, database.createAppRole("tenantry_sys"));
  }

  @AfterAll
  void close() {
    if (w != null) {
      w.sf.close();
    }
  }

  @Override
  World w() {
    return w;
  }

  @Override
  TestDatabase db() {
    return db;
  }
}
