package io.tenantry.spring.test;

import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Binds the tenant of {@link WithTenant} around test method invocations with
 * {@code Tenancy.call}, so the binding always ends with the method. Registered by the annotation.
 */
public final class WithTenantExtension implements InvocationInterceptor {

  @Override
  public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
      ExtensionContext extensionContext) throws Throwable {
    proceedBound(invocation, extensionContext);
  }

  @Override
  public void interceptTestTemplateMethod(Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
    proceedBound(invocation, extensionContext);
  }

  private static void proceedBound(Invocation<Void> invocation, ExtensionContext extensionContext) throws Throwable {
    Optional<WithTenant> annotation = find(extensionContext);
    if (annotation.isEmpty()) {
      invocation.proceed();
      return;
    }
    TenantContext context = toContext(annotation.get());
    try {
      Tenancy.call(context, () -> {
        try {
          return invocation.proceed();
        } catch (Exception e) {
          throw e;
        } catch (Throwable t) {
          throw new ThrowableCarrier(t);
        }
      });
    } catch (ThrowableCarrier carrier) {
      throw carrier.getCause();
    }
  }

  private static Optional<WithTenant> find(ExtensionContext context) {
    Optional<WithTenant> onMethod = context.getTestMethod().flatMap(m -> annotationOn(m));
    if (onMethod.isPresent()) {
      return onMethod;
    }
    for (Class<?> type = context.getRequiredTestClass(); type != null; type = type.getEnclosingClass()) {
      Optional<WithTenant> onClass = annotationOn(type);
      if (onClass.isPresent()) {
        return onClass;
      }
    }
    return Optional.empty();
  }

  private static Optional<WithTenant> annotationOn(AnnotatedElement element) {
    return AnnotationSupport.findAnnotation(element, WithTenant.class);
  }

  /** The tenant context an annotation describes. */
  static TenantContext toContext(WithTenant tenant) {
    TenantContext.Builder builder = TenantContext.builder(uuid(tenant.company(), "company"))
        .principal(tenant.principal());
    Set<UUID> stores = new LinkedHashSet<>();
    for (String s : tenant.stores()) {
      stores.add(uuid(s, "stores"));
    }
    UUID store = tenant.store().isEmpty() ? null : uuid(tenant.store(), "store");
    if (store != null) {
      stores.add(store);
      builder.grantedStores(stores).store(store);
    } else if (stores.isEmpty()) {
      builder.allStores();
    } else {
      builder.grantedStores(stores);
    }
    if (!tenant.register().isEmpty()) {
      builder.register(uuid(tenant.register(), "register"));
    }
    return builder.build();
  }

  private static UUID uuid(String value, String attribute) {
    try {
      return UUID.fromString(value.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("@WithTenant(" + attribute + " = \"" + value + "\") is not a UUID; "
          + "write ids such as \"0190c6a1-0000-7000-8000-000000000001\"", e);
    }
  }

  /** Carries a Throwable that is not an Exception through {@code Tenancy.call}. */
  private static final class ThrowableCarrier extends Exception {
    private static final long serialVersionUID = 1L;

    ThrowableCarrier(Throwable cause) {
      super(cause);
    }
  }
}
