package io.tenantry.spring.actuate;

import io.tenantry.hibernate.rls.AuditReport;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * {@code tenantry} health: DOWN when the isolation audit finds a hole, with the findings as details;
 * UP with {@code warnings} when only warnings remain (no system login configured, the TEMP privilege).
 */
public final class IsolationAuditHealthIndicator extends AbstractHealthIndicator {

  private final AuditReports reports;

  /** A health indicator over the given audit. */
  public IsolationAuditHealthIndicator(AuditReports reports) {
    super("Tenantry isolation audit failed");
    this.reports = reports;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    AuditReport report = reports.audit();
    (report.isClean() ? builder.up() : builder.down())
        .withDetail("tenantTables", report.tenantTables().size())
        .withDetail("findings", AuditReports.render(report).get("findings"))
        .withDetail("warnings", AuditReports.render(report).get("warnings"));
  }
}
