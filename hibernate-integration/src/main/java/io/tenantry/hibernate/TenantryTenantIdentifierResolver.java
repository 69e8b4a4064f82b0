package io.tenantry.hibernate;

import io.tenantry.core.TenantContext;
import io.tenantry.core.internal.Bindings;
import io.tenantry.core.internal.SystemAccess;
import java.util.UUID;
import org.hibernate.context.spi.CurrentTenantIdentifierResolver;

/**
 * Tells Hibernate which company a new session belongs to, from {@code Tenancy}'s binding. Configure
 * it with one property:
 *
 * <pre>{@code hibernate.tenant_identifier_resolver=io.tenantry.hibernate.TenantryTenantIdentifierResolver}</pre>
 *
 * <p>Bound tenant: its company id, so {@code @TenantId} scopes every read and stamps every insert.
 * System access ({@code Tenancy.asSystem}): the {@link #SYSTEM} root tenant, the only value that
 * lifts company scoping. Nothing bound: {@link #NO_TENANT}, which matches no company; sessions still
 * open (a login reads global {@code UserAccount}s), but touching a tenant-owned entity throws.
 */
public final class TenantryTenantIdentifierResolver implements CurrentTenantIdentifierResolver<UUID> {

  /** The session tenant when nothing is bound: matches no row. */
  public static final UUID NO_TENANT = new UUID(0L, 0L);
  /** The session tenant during system access: Hibernate's "root" tenant that sees every company. */
  public static final UUID SYSTEM = new UUID(-1L, -1L);

  /** The session tenant that matches the current binding. */
  public static UUID currentSessionTenant() {
    Object binding = Bindings.current();
    if (binding instanceof TenantContext) {
      return ((TenantContext) binding).companyId();
    }
    return binding instanceof SystemAccess ? SYSTEM : NO_TENANT;
  }

  @Override
  public UUID resolveCurrentTenantIdentifier() {
    return currentSessionTenant();
  }

  @Override
  public boolean validateExistingCurrentSessions() {
    return true;
  }

  @Override
  public boolean isRoot(UUID tenantId) {
    return SYSTEM.equals(tenantId);
  }
}
