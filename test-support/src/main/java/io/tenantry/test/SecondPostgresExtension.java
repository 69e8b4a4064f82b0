package io.tenantry.test;

import io.tenantry.test.internal.SecondServer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Creates the class's {@link SecondDatabase}; JUnit closes the class store, which drops it, after the class. */
final class SecondPostgresExtension implements BeforeAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SecondPostgresExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    database(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == SecondDatabase.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return database(context);
  }

  private static SecondDatabase database(ExtensionContext context) {
    ExtensionContext classContext = context;
    while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
      classContext = classContext.getParent().get();
    }
    return classContext.getStore(NAMESPACE)
        .computeIfAbsent("database", key -> new Owned(new SecondDatabase(TestDatabase.create(SecondServer.get()))),
            Owned.class)
        .database();
  }

  private record Owned(SecondDatabase database) implements AutoCloseable {
    @Override
    public void close() {
      database.database().close();
    }
  }
}
