package io.tenantry.core.model;

/**
 * The one Hibernate filter Tenantry declares. Tenantry does not scope reads with Hibernate filters
 * (Hibernate does not cache the translation of a query while any filter is enabled, and scoping would
 * then cost a translation per query); {@code tenantry-hibernate} adds the tenant conditions to the
 * SQL itself, with values bound from the tenant binding at each execution. This filter only marks
 * sessions of system access: Hibernate enables the filter of this name, with the session's tenant as
 * its parameter, in every session whose tenant is not "root", and Tenantry's tenant identifier
 * resolver calls every tenant root except system access. Those sessions' queries therefore bypass
 * Hibernate's plan caches, which lets Tenantry leave the tenant conditions out of them while system
 * access is bound. Applications never enable or disable it (the ArchUnit rules forbid disabling
 * filters); its condition is always true.
 */
public final class TenantFilters {

  /** Marks a system-access session (the name under which Hibernate enables its tenant filter). */
  public static final String SYSTEM_SESSION = "_tenantId";
  /** The marker's parameter (the name Hibernate sets to the session's tenant). */
  public static final String SYSTEM_SESSION_PARAMETER = "tenantId";

  private TenantFilters() {}
}
