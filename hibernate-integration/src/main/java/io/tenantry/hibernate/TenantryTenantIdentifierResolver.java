package io.tenantry.hibernate;

import io.tenantry.core.TenantContext;
import io.tenantry.core.internal.Bindings;
import io.tenantry.hibernate.internal.HibernateCoupling;
import java.util.UUID;
import org.hibernate.context.spi.CurrentTenantIdentifierResolver;

/**
 * Tells Hibernate which company a new session belongs to, from {@code Tenancy}'s binding. Configure
 * it with one property:
 *
 * <pre>{@code hibernate.tenant_identifier_resolver=io.tenantry.hibernate.TenantryTenantIdentifierResolver}</pre>
 *
 * <p>Bound tenant: its company id. System access ({@code Tenancy.runAsSystem}): {@link #SYSTEM}. Nothing
 * bound: {@link #NO_TENANT}; sessions still open (a login reads global {@code UserAccount}s), but
 * touching a tenant-owned entity throws. The session's tenant keys Hibernate's second-level cache
 * entries and lets Tenantry refuse a session used after the binding changed.
 *
 * <p>{@link #isRoot} is inverted on purpose: only system access is "not root", which marks its sessions
 * (explained in {@code io.tenantry.hibernate.internal.HibernateCoupling}).
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
    return HibernateCoupling.isRootTenant(tenantId, SYSTEM);
  }
}
