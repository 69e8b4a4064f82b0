package io.tenantry.clusters;

import io.tenantry.core.TenantIsolationException;
import java.util.UUID;

/**
 * A tenant asked for a connection, but the {@link CompanyDirectory} does not know its company: no cluster is
 * guessed, nothing is read or written. Place the company first ({@link CompanyDirectory#place}).
 */
public class CompanyNotPlacedException extends TenantIsolationException {

  private static final long serialVersionUID = 1L;

  private final transient UUID companyId;

  /**
   * Creates the exception.
   *
   * @param companyId the unknown company
   */
  public CompanyNotPlacedException(UUID companyId) {
    super("Company " + companyId + " is not in the company directory, so Tenantry does not know which cluster "
        + "holds it and refuses the connection. Place it first: CompanyDirectory.place(companyId, cluster) "
        + "(for JdbcCompanyDirectory: a row in tenantry_company_placement).");
    this.companyId = companyId;
  }

  /**
   * The company.
   *
   * @return its id
   */
  public UUID companyId() {
    return companyId;
  }
}
