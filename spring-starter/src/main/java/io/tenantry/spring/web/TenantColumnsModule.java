package io.tenantry.spring.web;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.tenantry.core.model.CompanyOwned;
import tools.jackson.databind.module.SimpleModule;

/**
 * Makes the tenant columns of every tenant-owned entity ({@code companyId}, {@code storeId},
 * {@code registerId}) write-protected in JSON: they are still written to responses, but a request
 * body that names them is ignored for those properties (mass assignment). Without it,
 * Jackson would fill the private fields behind the public getters, and the write would then be
 * refused by the Hibernate guards; with it, binding an entity from a body simply keeps the bound
 * tenant. Registered as a Jackson module bean, which Spring Boot adds to its {@code JsonMapper}.
 */
public final class TenantColumnsModule extends SimpleModule {

  private static final long serialVersionUID = 1L;

  /** Creates the module. */
  public TenantColumnsModule() {
    super("tenantry-tenant-columns");
    setMixInAnnotation(CompanyOwned.class, TenantColumnsReadOnly.class);
  }

  @JsonIgnoreProperties(value = {"companyId", "storeId", "registerId"}, allowGetters = true)
  private abstract static class TenantColumnsReadOnly {}
}
