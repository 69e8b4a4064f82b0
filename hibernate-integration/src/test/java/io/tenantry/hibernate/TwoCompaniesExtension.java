package io.tenantry.hibernate;

import io.tenantry.test.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The {@link TwoCompanies} of a test class: seeded once from the class's database, closed after the
 * class. Register it as a static field and seed it in {@code @BeforeAll}:
 *
 * <pre>{@code
 * @RegisterExtension static final TwoCompaniesExtension seeded = TwoCompaniesExtension.plain();
 * @BeforeAll static void world(TestDatabase db) { w = seeded.seed(db); }
 * }</pre>
 */
final class TwoCompaniesExtension implements AfterAllCallback {

  private final Function<TestDatabase, TwoCompanies> seed;
  private TwoCompanies world;

  private TwoCompaniesExtension(Function<TestDatabase, TwoCompanies> seed) {
    this.seed = seed;
  }

  /** Hibernate scoping alone (wall 1), on the plain application role. */
  static TwoCompaniesExtension plain() {
    return plain(List.of(), null);
  }

  /** As {@link #plain()}, with more entities and the schema resource of their tables. */
  static TwoCompaniesExtension plain(List<Class<?>> extra, String extraSchema) {
    return new TwoCompaniesExtension(db -> TwoCompanies.create(db, Map.of(), extra, extraSchema));
  }

  /** Both walls: the generated policies applied, Hibernate on the row-level-security DataSource. */
  static TwoCompaniesExtension withRls() {
    return withRls(List.of(), null);
  }

  /** As {@link #withRls()}, with more entities and the schema resource of their tables. */
  static TwoCompaniesExtension withRls(List<Class<?>> extra, String extraSchema) {
    return new TwoCompaniesExtension(db -> TwoCompanies.createWithRls(db, db.createAppRole("tenantry_sys"), extra,
        extraSchema));
  }

  /** Seeds the class's world; once per class. */
  TwoCompanies seed(TestDatabase db) {
    if (world != null) {
      throw new IllegalStateException("TwoCompaniesExtension.seed runs once per test class, in @BeforeAll");
    }
    world = seed.apply(db);
    return world;
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (world != null) {
      world.sf().close();
      world = null;
    }
  }
}
