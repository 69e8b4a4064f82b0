package io.tenantry.test;

import io.tenantry.test.internal.SharedServer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Creates the class's {@link TestDatabase} before {@code @BeforeAll} (or earlier, when a per-class test instance
 * asks for it in its constructor) and keeps it in the class's store, whose closing drops it after
 * {@code @AfterAll}. A nested class finds its enclosing class's database in the parent store and reuses it.
 */
final class TenantryPostgresExtension implements BeforeAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(TenantryPostgresExtension.class);
  private static final String KEY = "database";

  @Override
  public void beforeAll(ExtensionContext context) {
    database(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestDatabase.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return database(context);
  }

  private static TestDatabase database(ExtensionContext context) {
    ExtensionContext classContext = context;
    while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
      classContext = classContext.getParent().get();
    }
    return classContext.getStore(NAMESPACE)
        .computeIfAbsent(KEY, key -> new Owned(TestDatabase.create(SharedServer.get())), Owned.class)
        .database();
  }

  /** Store entry; JUnit closes it when the context that stored it ends. */
  private record Owned(TestDatabase database) implements AutoCloseable {
    @Override
    public void close() {
      database.close();
    }
  }
}
