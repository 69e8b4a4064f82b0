package io.tenantry.core;

import io.tenantry.core.internal.Binding;
import io.tenantry.core.internal.Bindings;
import io.tenantry.core.internal.LogText;
import io.tenantry.core.internal.SystemAccess;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds a {@link TenantContext} to the current thread for the extent of a call.
 *
 * <pre>{@code
 * Tenancy.run(TenantContext.ofStore(company, store), () -> sales.record(sale));
 * Money total = Tenancy.supply(ctx, () -> reports.total(day));
 * }</pre>
 *
 * <p>There is deliberately no public {@code set}/{@code clear} pair: every binding is scoped to a
 * call and the previous binding is restored when the call ends, normally or with an exception, so
 * nested calls work and nothing is left on a pooled thread. Reading is fail-closed:
 * {@link #current()} throws when nothing is bound; {@link #find()} is the optional form.
 *
 * <p>Work handed to other threads keeps its tenant through {@link TenantPropagation}. Deliberate
 * cross-tenant work (migrations, platform reports) runs through {@link #runAsSystem(String, Runnable)},
 * which requires a reason and logs it.
 *
 * <p>While bound, SLF4J's MDC carries {@code tenant.company}, {@code tenant.store} and
 * {@code tenant.register} ({@code tenant.system} with the reason during system access).
 */
public final class Tenancy {

  private static final Logger SYSTEM_LOG = LoggerFactory.getLogger("io.tenantry.system-access");

  private Tenancy() {}

  /** Runs {@code task} with {@code context} bound, then restores the previous binding. */
  public static void run(TenantContext context, Runnable task) {
    requireContext(context);
    Objects.requireNonNull(task, "task");
    Binding previous = Bindings.bind(context);
    try {
      task.run();
    } finally {
      Bindings.restore(previous);
    }
  }

  /**
   * Calls {@code task} with {@code context} bound and returns its result; the previous binding is
   * restored afterwards. Checked exceptions of the task propagate unchanged.
   */
  public static <T> T call(TenantContext context, Callable<T> task) throws Exception {
    requireContext(context);
    Objects.requireNonNull(task, "task");
    Binding previous = Bindings.bind(context);
    try {
      return task.call();
    } finally {
      Bindings.restore(previous);
    }
  }

  /** Like {@link #call(TenantContext, Callable)} for a task without checked exceptions. */
  public static <T> T supply(TenantContext context, Supplier<T> task) {
    requireContext(context);
    Objects.requireNonNull(task, "task");
    Binding previous = Bindings.bind(context);
    try {
      return task.get();
    } finally {
      Bindings.restore(previous);
    }
  }

  /**
   * The bound context.
   *
   * @throws NoTenantBoundException when no tenant is bound (including during system access)
   */
  public static TenantContext current() {
    return Bindings.requireTenant("This code");
  }

  /** The bound context, if any. Empty when nothing is bound and during system access. */
  public static Optional<TenantContext> find() {
    return Optional.ofNullable(Bindings.tenant());
  }

  /** Whether a tenant is bound to this thread. */
  public static boolean isBound() {
    return Bindings.tenant() != null;
  }

  /**
   * The reason of the system access this thread runs in, if it runs in one. The SQL layer and the
   * ORM scoping use this to tell deliberate cross-tenant work from a forgotten tenant.
   */
  public static Optional<String> systemAccessReason() {
    SystemAccess access = Bindings.systemAccess();
    return access == null ? Optional.empty() : Optional.of(access.reason());
  }

  /**
   * Runs deliberately cross-tenant work (a migration, a platform-wide report) with no tenant bound
   * and system access marked. The reason is required and logged (logger
   * {@code io.tenantry.system-access}, INFO) together with the tenant that was bound before, if
   * any; in the log line, the MDC ({@code tenant.system}) and exception messages its control
   * characters, line separators and quotes are escaped ({@code \n}, {@code \"}), so user input in a
   * reason cannot forge log lines. Tenant-scoped reads inside it see every tenant only where a layer explicitly allows
   * system access; {@link #current()} still throws.
   *
   * @param reason why this work must cross tenants, in words an auditor understands
   */
  public static void runAsSystem(String reason, Runnable task) {
    Objects.requireNonNull(task, "task");
    Binding previous = Bindings.bind(enterSystem(reason));
    try {
      task.run();
    } finally {
      Bindings.restore(previous);
    }
  }

  /** Like {@link #runAsSystem(String, Runnable)}, returning the task's result. */
  public static <T> T supplyAsSystem(String reason, Supplier<T> task) {
    Objects.requireNonNull(task, "task");
    Binding previous = Bindings.bind(enterSystem(reason));
    try {
      return task.get();
    } finally {
      Bindings.restore(previous);
    }
  }

  /**
   * The former name of {@link #runAsSystem(String, Runnable)}.
   *
   * @deprecated use {@link #runAsSystem(String, Runnable)}: one name per shape, as {@code run}/{@code supply}
   */
  @Deprecated(since = "0.2.0")
  public static void asSystem(String reason, Runnable task) {
    runAsSystem(reason, task);
  }

  /**
   * The former name of {@link #supplyAsSystem(String, Supplier)}.
   *
   * @deprecated use {@link #supplyAsSystem(String, Supplier)}: one name per shape, as {@code run}/{@code supply}
   */
  @Deprecated(since = "0.2.0")
  public static <T> T asSystem(String reason, Supplier<T> task) {
    return supplyAsSystem(reason, task);
  }

  private static SystemAccess enterSystem(String reason) {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException(
          "Tenancy.runAsSystem/supplyAsSystem: system access needs a reason that says why this work crosses tenants, "
              + "e.g. Tenancy.runAsSystem(\"nightly platform usage report\", task)");
    }
    SystemAccess access = new SystemAccess(reason);
    // the reason often holds user input (a company name, an e-mail): escaped, it cannot forge a line
    SYSTEM_LOG.info("System access (cross-tenant) begins: reason=\"{}\", thread={}, replaces={}",
        access.loggableReason(), LogText.escape(Thread.currentThread().getName()), describe(Bindings.current()));
    return access;
  }

  private static String describe(Binding binding) {
    return binding == null ? "nothing" : LogText.escape(binding.toString());
  }

  private static void requireContext(TenantContext context) {
    if (context == null) {
      throw new IllegalArgumentException(
          "Tenancy.run/call need a TenantContext; build one with TenantContext.builder(companyId), "
              + "or use Tenancy.runAsSystem(reason, ...) for deliberate cross-tenant work");
    }
  }
}
