package io.tenantry.hibernate;

import java.util.Objects;
import java.util.UUID;

/**
 * The company is deactivated: its users may not sign in, its registers are refused, and nothing binds it
 * for a request until the platform reactivates it ({@link TenantProvisioning#reactivateCompany}). Thrown by
 * {@link CompanyStatus#requireActive}; the Spring Boot starter answers it 403.
 */
public class CompanyDeactivatedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final UUID companyId;

  /** For the company with this id. */
  public CompanyDeactivatedException(UUID companyId) {
    super("Company " + Objects.requireNonNull(companyId, "companyId") + " is deactivated: its users cannot sign in "
        + "and its registers are refused until the platform reactivates it (TenantProvisioning.reactivateCompany)");
    this.companyId = companyId;
  }

  /** The deactivated company. */
  public UUID companyId() {
    return companyId;
  }
}
