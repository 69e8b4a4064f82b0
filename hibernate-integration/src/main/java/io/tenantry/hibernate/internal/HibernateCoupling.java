package io.tenantry.hibernate.internal;

import io.tenantry.core.model.internal.SystemSessionFilter;
import java.util.UUID;
import org.hibernate.boot.internal.SessionFactoryOptionsBuilder;
import org.hibernate.boot.spi.SessionFactoryOptions;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * Every place where Tenantry leans on Hibernate's internals, in one class; {@code HibernateCouplingTest}
 * pins each, so a Hibernate upgrade that breaks one fails the build here rather than isolation at run time.
 *
 * <p><b>The system-session marker, and why {@code isRoot} is inverted.</b> Hibernate enables the filter
 * named {@link #TENANT_FILTER} ({@code TenantIdBinder.FILTER_NAME}), with the session's tenant as its
 * parameter, in every session whose tenant its resolver does not call "root". Tenantry declares a
 * filter of that name itself, on {@code CompanyOwned} and {@code Company}, with an always-true
 * condition, and its resolver calls every tenant root <em>except</em> system access
 * ({@link #isRootTenant}). So only system-access sessions carry an enabled filter. That is the point:
 * Hibernate does not cache the translation of a query while any filter is enabled, so tenant sessions
 * (no filter) reuse cached SQL whose tenant conditions take their values at each execution, and
 * system sessions (filter enabled) translate each query afresh, which lets Tenantry leave the tenant
 * conditions out of them ({@code TenantRestriction}). An entity with Hibernate's own {@code @TenantId}
 * would be filtered the other way round, so {@code TenantryIntegrator} refuses it at start.
 *
 * <p><b>The statement inspector.</b> The tenant-column guard for bulk updates
 * ({@link TenantColumnUpdateInspector}) is installed after the session factory is built, which only
 * Hibernate's own options class ({@link SessionFactoryOptionsBuilder}) allows.
 */
public final class HibernateCoupling {

  /** The name of Hibernate's tenant filter: Tenantry's system-session marker. */
  public static final String TENANT_FILTER = SystemSessionFilter.NAME;

  private HibernateCoupling() {}

  /**
   * Whether Hibernate is to treat a session of this tenant as "root" (no tenant filter enabled):
   * every tenant except {@code system}, inverted on purpose (see the class comment).
   */
  public static boolean isRootTenant(UUID tenant, UUID system) {
    return !system.equals(tenant);
  }

  /**
   * Puts {@code inspector} in front of the factory's statement inspector; {@code false} when the options
   * are not Hibernate's own class, which then cannot take it.
   */
  static boolean installStatementInspector(SessionFactoryOptions options,
      java.util.function.UnaryOperator<StatementInspector> inspector) {
    if (!(options instanceof SessionFactoryOptionsBuilder builder)) {
      return false;
    }
    builder.applyStatementInspector(inspector.apply(options.getStatementInspector()));
    return true;
  }
}
