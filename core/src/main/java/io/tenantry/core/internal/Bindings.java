package io.tenantry.core.internal;

import io.tenantry.core.NoTenantBoundException;
import io.tenantry.core.TenantContext;
import io.tenantry.core.TenantIsolationException;
import java.util.function.Function;
import org.slf4j.MDC;

/**
 * The thread's {@link Binding}, and the one place that decides between its states: a tenant
 * ({@link #tenant()}), system access ({@link #systemAccess()}) or nothing. Readers that need a tenant
 * ask {@link #requireTenant(String)} or {@link #requireTenantForWrite(String)}, which fail with the
 * advice that fits the state.
 *
 * <p>Internal: integrations (context-propagation accessors, the SQL layer, the ORM scoping) use it to
 * read, capture and restore a binding. Application code uses {@code Tenancy} and
 * {@code TenantPropagation}, which always restore what they replaced. A plain {@link ThreadLocal},
 * never an inheritable one: a thread created inside a tenant's work must not inherit that tenant.
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

  private static final ThreadLocal<Binding> CURRENT = new ThreadLocal<>();

  /** Reads the binding a context made once; see {@link #readBindingsWith}. */
  private static volatile Function<TenantContext, Binding.Tenant> tenantBindings;

  private Bindings() {}

  /**
   * How to read the {@link Binding.Tenant} a {@link TenantContext} made once, when it was built. The
   * binding stays out of the context's API, so the context hands this reader over when its class
   * initializes, before any context can be bound.
   *
   * @throws IllegalStateException on a second call
   */
  public static synchronized void readBindingsWith(Function<TenantContext, Binding.Tenant> reader) {
    if (tenantBindings != null) {
      throw new IllegalStateException("TenantContext has already said how to read its binding; "
          + "Bindings.readBindingsWith is for TenantContext alone");
    }
    tenantBindings = reader;
  }

  /** The current binding, {@code null} for nothing; capture it to hand it to {@link #bind(Binding)}. */
  public static Binding current() {
    return CURRENT.get();
  }

  /** The bound tenant; {@code null} when nothing is bound and during system access. */
  public static TenantContext tenant() {
    return CURRENT.get() instanceof Binding.Tenant tenant ? tenant.context() : null;
  }

  /** The system access this thread runs in; {@code null} when a tenant or nothing is bound. */
  public static SystemAccess systemAccess() {
    return CURRENT.get() instanceof SystemAccess access ? access : null;
  }

  /** Whether this thread runs in system access. */
  public static boolean isSystemAccess() {
    return CURRENT.get() instanceof SystemAccess;
  }

  /**
   * The bound tenant, for work that cannot run without one.
   *
   * @param operation what needs the tenant, for the message, e.g. {@code "Persisting Product"}
   * @throws NoTenantBoundException when none is bound, with the advice that fits: bind one; or, during
   *     system access, bind the tenant the work is for inside it
   */
  public static TenantContext requireTenant(String operation) {
    Binding binding = CURRENT.get();
    if (binding instanceof Binding.Tenant tenant) {
      return tenant.context();
    }
    if (binding instanceof SystemAccess access) {
      throw NoTenantBoundException.duringSystemAccess(operation, access.loggableReason());
    }
    throw new NoTenantBoundException(operation);
  }

  /**
   * The bound tenant, for a write of tenant-owned rows: such a write needs a tenant, so during system
   * access it is refused ({@link TenantIsolationException}) rather than reported as a missing binding.
   *
   * @throws NoTenantBoundException when nothing is bound
   */
  public static TenantContext requireTenantForWrite(String operation) {
    SystemAccess access = systemAccess();
    if (access != null) {
      throw new TenantIsolationException(operation + " during system access (\"" + access.loggableReason()
          + "\") is refused: writes of tenant-owned rows need a tenant. Wrap the write in "
          + "Tenancy.run(TenantContext.ofCompany(companyId), ...) inside the system task.");
    }
    return requireTenant(operation);
  }

  /**
   * Binds {@code binding} (which may be {@code null}: nothing) and returns what was bound before;
   * the caller must hand that to {@link #restore(Binding)} in a {@code finally} block.
   */
  public static Binding bind(Binding binding) {
    Binding previous = CURRENT.get();
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

  /** Binds {@code context}; as {@link #bind(Binding)}. */
  public static Binding bind(TenantContext context) {
    return bind(tenantBindings.apply(context));
  }

  /** Restores a binding returned by {@link #bind(Binding)}. */
  public static void restore(Binding previous) {
    bind(previous);
  }

  private static void applyMdc(Binding binding) {
    if (binding instanceof Binding.Tenant tenant) {
      MDC.put(MDC_COMPANY, tenant.company());
      putOrRemove(MDC_STORE, tenant.store());
      putOrRemove(MDC_REGISTER, tenant.register());
      MDC.remove(MDC_SYSTEM);
    } else {
      MDC.remove(MDC_COMPANY);
      MDC.remove(MDC_STORE);
      MDC.remove(MDC_REGISTER);
      putOrRemove(MDC_SYSTEM, binding instanceof SystemAccess access ? access.loggableReason() : null);
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
