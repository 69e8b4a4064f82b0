package io.tenantry.core.model.internal;

/**
 * The filter that marks a system-access session: the name and parameter under which Hibernate
 * enables its own tenant filter ({@code org.hibernate.binder.internal.TenantIdBinder.FILTER_NAME} and
 * {@code PARAMETER_NAME}). They are copied here because the entity annotations of this module need
 * compile-time constants and core does not depend on Hibernate's internals; {@code tenantry-hibernate}
 * explains the coupling ({@code io.tenantry.hibernate.internal.HibernateCoupling}) and pins both
 * values with a test that fails on a Hibernate upgrade that renames them. Internal.
 */
public final class SystemSessionFilter {

  /** Hibernate's tenant filter name. */
  public static final String NAME = "_tenantId";
  /** Hibernate's tenant filter parameter (set to the session's tenant). */
  public static final String PARAMETER = "tenantId";

  private SystemSessionFilter() {}
}
