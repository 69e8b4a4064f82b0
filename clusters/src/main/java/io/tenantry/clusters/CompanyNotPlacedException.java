package io.tenantry.clusters;

import java.util.UUID;

/**
 * A tenant asked for a connection, but the {@link CompanyDirectory} does not know its company: no cluster is
 * guessed, nothing is read or written. Place the company first ({@link CompanyDirectory#place}).
 *
 * <p>A server fault (missing configuration), not a tenant-isolation refusal: an HTTP edge answers it as a server
 * error, never as "not found", which a client would take for an answer about the resource (a register would give a
 * sale up).
 */
public class CompanyNotPlacedException extends IllegalStateException {

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
