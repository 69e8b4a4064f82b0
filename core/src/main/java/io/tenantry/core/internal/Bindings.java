package io.tenantry.core.internal;

import io.tenantry.core.TenantContext;
import java.util.function.Function;
import org.slf4j.MDC;

/**
 * The thread's binding: a {@link TenantContext}, a {@link SystemAccess}, or nothing ({@code null}).
 *
 * <p>Internal: integrations (context-propagation accessors, the SQL layer) use it to capture and
 * restore a binding. Application code uses {@code Tenancy} and {@code TenantPropagation}, which
 * always restore what they replaced. A plain {@link ThreadLocal}, never an inheritable one: a thread
 * created inside a tenant's work must not inherit that tenant.
 */
public final class Bindings {

  /** MDC key carrying the bound company id. */
  public static final String MDC_COMPANY = "tenant.company";
  /** MDC key carrying the bound store id. */
  public static final String MDC_STORE = "tenant.store";
  /** MDC key carrying the bound register id. */
  public static final String MDC_REGISTER = "tenant.register";
  /** MDC key carrying the reason of a system (cross-tenant) access. */
  public static final String MDC_SYSTEM = "tenant.system";

  private static final ThreadLocal<Object> CURRENT = new ThreadLocal<>();

  /** Reads the MDC strings a context made once; see {@link #readMdcStringsWith}. */
  private static volatile Function<TenantContext, String[]> mdcStrings;

  private Bindings() {}

  /**
   * How to read the strings a {@link TenantContext} makes once, when it is built, for the MDC:
   * company, store and register, {@code null} for none. Turning the ids into strings at every bind
   * was most of the cost of {@code Tenancy.run}; the strings stay out of the context's API, so the
   * context hands this reader over when its class initializes, before any context can be bound.
   *
   * @throws IllegalStateException on a second call
   */
  public static synchronized void readMdcStringsWith(Function<TenantContext, String[]> reader) {
    if (mdcStrings != null) {
      throw new IllegalStateException("TenantContext has already said how to read its MDC strings; "
          + "Bindings.readMdcStringsWith is for TenantContext alone");
    }
    mdcStrings = reader;
  }

  /** The current binding: a {@link TenantContext}, a {@link SystemAccess}, or {@code null}. */
  public static Object current() {
    return CURRENT.get();
  }

  /**
   * Binds {@code binding} (which may be {@code null}: nothing) and returns what was bound before;
   * the caller must hand that to {@link #restore(Object)} in a {@code finally} block.
   */
  public static Object bind(Object binding) {
    Object previous = CURRENT.get();
    if (binding == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(binding);
    }
    if (previous != binding) {
      applyMdc(binding);
    }
    return previous;
  }

  /** Restores a binding returned by {@link #bind(Object)}. */
  public static void restore(Object previous) {
    bind(previous);
  }

  private static void applyMdc(Object binding) {
    if (binding instanceof TenantContext) {
      String[] strings = mdcStrings.apply((TenantContext) binding);
      MDC.put(MDC_COMPANY, strings[0]);
      putOrRemove(MDC_STORE, strings[1]);
      putOrRemove(MDC_REGISTER, strings[2]);
      MDC.remove(MDC_SYSTEM);
    } else {
      MDC.remove(MDC_COMPANY);
      MDC.remove(MDC_STORE);
      MDC.remove(MDC_REGISTER);
      putOrRemove(MDC_SYSTEM, binding instanceof SystemAccess ? ((SystemAccess) binding).loggableReason() : null);
    }
  }

  private static void putOrRemove(String key, String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }
}
