package io.tenantry.core.internal;

/**
 * The binding of {@code Tenancy.runAsSystem(reason, ...)}: deliberate cross-tenant work, with the
 * reason that was given for it. Internal; read it through {@code Tenancy.systemAccessReason()}.
 */
public final class SystemAccess implements Binding {

  private final String reason;
  private final String loggable;

  /** Creates a system access binding; the reason is validated by the caller. */
  public SystemAccess(String reason) {
    this.reason = reason;
    this.loggable = LogText.escape(reason);
  }

  /** The reason with control characters and quotes escaped, for logs, the MDC and messages. */
  public String loggableReason() {
    return loggable;
  }

  /** Why this work reads across tenants. */
  public String reason() {
    return reason;
  }

  @Override
  public String toString() {
    return "SystemAccess[" + loggable + "]";
  }
}
