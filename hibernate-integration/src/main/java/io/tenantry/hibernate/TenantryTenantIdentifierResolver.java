package io.tenantry.hibernate;

import io.tenantry.core.TenantContext;
import io.tenantry.core.internal.Bindings;
import java.util.UUID;
import org.hibernate.context.spi.CurrentTenantIdentifierResolver;

/**
 * Tells Hibernate which company a new session belongs to, from {@code Tenancy}'s binding. Configure
 * it with one property:
 *
 * <pre>{@code hibernate.tenant_identifier_resolver=io.tenantry.hibernate.TenantryTenantIdentifierResolver}</pre>
 *
 * <p>Bound tenant: its company id. System access ({@code Tenancy.asSystem}): {@link #SYSTEM}. Nothing
 * bound: {@link #NO_TENANT}; sessions still open (a login reads global {@code UserAccount}s), but
 * touching a tenant-owned entity throws. The session's tenant keys Hibernate's second-level cache
 * entries and lets Tenantry refuse a session used after the binding changed.
 *
 * <p>{@link #isRoot} is inverted on purpose: Hibernate enables the filter named
 * {@link io.tenantry.core.model.TenantFilters#SYSTEM_SESSION} in every session whose tenant is not
 * root. Tenantry declares that filter itself, as an always-true marker, so only system-access sessions
 * carry an enabled filter; their queries then bypass Hibernate's plan caches and may leave the tenant
 * conditions out, while tenant sessions have no filter enabled and reuse cached, scoped SQL.
 */
public final class TenantryTenantIdentifierResolver implements CurrentTenantIdentifierResolver<UUID> {

  /** The session tenant when nothing is bound: matches no row. */
  public static final UUID NO_TENANT = new UUID(0L, 0L);
  /** The session tenant during system access: Hibernate's "root" tenant that sees every company. */
  public static final UUID SYSTEM = new UUID(-1L, -1L);

  /** The session tenant that matches the current binding. */
  public static UUID currentSessionTenant() {
    TenantContext tenant = Bindings.tenant();
    if (tenant != null) {
      return tenant.companyId();
    }
    return Bindings.isSystemAccess() ? SYSTEM : NO_TENANT;
  }

  @Override
  public UUID resolveCurrentTenantIdentifier() {
    return currentSessionTenant();
  }

  @Override
  public boolean validateExistingCurrentSessions() {
    return true;
  }

  /** {@code false} only for {@link #SYSTEM}: see the class comment. */
  @Override
  public boolean isRoot(UUID tenantId) {
    return !SYSTEM.equals(tenantId);
  }
}
