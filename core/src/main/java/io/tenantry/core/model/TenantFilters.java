package io.tenantry.core.model;

import io.tenantry.core.model.internal.SystemSessionFilter;

/**
 * The one Hibernate filter Tenantry declares, on {@link CompanyOwned} and {@link Company}: an
 * always-true marker of system-access sessions. Applications never enable or disable it (the ArchUnit
 * rules forbid disabling filters). How it works is explained once, in {@code tenantry-hibernate}'s
 * {@code io.tenantry.hibernate.internal.HibernateCoupling}.
 *
 * @deprecated the names are Hibernate's, not part of Tenantry's API; nothing outside Tenantry needs them.
 */
@Deprecated(since = "0.2.0")
public final class TenantFilters {

  /** Marks a system-access session (the name under which Hibernate enables its tenant filter). */
  public static final String SYSTEM_SESSION = SystemSessionFilter.NAME;
  /** The marker's parameter (the name Hibernate sets to the session's tenant). */
  public static final String SYSTEM_SESSION_PARAMETER = SystemSessionFilter.PARAMETER;

  private TenantFilters() {}
}
