package io.tenantry.clusters;

import java.util.UUID;

/**
 * A tenant asked for a connection while its company is being moved to another cluster. Retry later: the move
 * refuses the company's connections for as long as it copies (a register client's offline queue absorbs it; an
 * HTTP edge answers 503 with {@code Retry-After}).
 */
public class CompanyMovingException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient UUID companyId;

  /**
   * Creates the exception.
   *
   * @param companyId the moving company
   * @param from the cluster it is leaving
   */
  public CompanyMovingException(UUID companyId, String from) {
    super("Company " + companyId + " is moving away from cluster " + from + "; its connections are refused until "
        + "the move ends. Retry later.");
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
