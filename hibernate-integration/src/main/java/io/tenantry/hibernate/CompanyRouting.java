package io.tenantry.hibernate;

import java.util.UUID;
import java.util.function.Supplier;

/**
 * Implemented by a DataSource that places companies on several databases ({@code tenantry-clusters}'
 * {@code CompanyClusters} router): platform work about one company must run on the database that holds it, while
 * unpinned system work goes to one database only. Tenantry's own platform work about one company
 * ({@link TenantProvisioning#deactivateCompany}, {@link TenantProvisioning#reactivateCompany}) finds it with
 * {@code DataSource.unwrap(CompanyRouting.class)} on the session factory's DataSource and runs through it; on a
 * DataSource that is not one, the work runs as it is.
 */
public interface CompanyRouting {

  /**
   * Runs work (system work about one company, inside {@code Tenancy.asSystem}) with connections of the database
   * that holds the company.
   *
   * @param companyId the company the work is about
   * @param work the work
   * @param <T> the result type
   * @return the work's result
   * @throws IllegalStateException when the router cannot say where the company is (not placed), or the company is
   *     being moved (its rows would be changed at the source of the move); the message names the fix
   */
  <T> T onDatabaseOf(UUID companyId, Supplier<T> work);
}
