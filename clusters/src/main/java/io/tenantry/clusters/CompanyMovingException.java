package io.tenantry.clusters;

import java.sql.SQLTransientConnectionException;
import java.util.UUID;

/**
 * A tenant asked for a connection while its company is being moved to another cluster. Retry later: the move
 * refuses the company's connections for as long as it copies (a register client's offline queue absorbs it; an
 * HTTP edge answers 503 with {@code Retry-After}).
 *
 * <p>A {@link SQLTransientConnectionException} (SQLSTATE {@value #SQL_STATE}, PostgreSQL's "cannot connect now"),
 * thrown by {@code DataSource.getConnection}: whatever wraps it (Hibernate, Spring's transaction managers), code
 * that treats a transient connection failure as "retry" — the Spring Boot starter's register-key authentication,
 * an application's error handler — answers a moving company the same way, without knowing this class.
 */
public class CompanyMovingException extends SQLTransientConnectionException {

  /** The SQLSTATE: {@code 57P03}, cannot connect now. */
  public static final String SQL_STATE = "57P03";

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
        + "the move ends. Retry later.", SQL_STATE);
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
