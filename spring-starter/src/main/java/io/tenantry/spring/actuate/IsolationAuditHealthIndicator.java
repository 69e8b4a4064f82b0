package io.tenantry.spring.actuate;

import io.tenantry.hibernate.rls.AuditReport;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/** {@code tenantry} health: DOWN when the isolation audit finds a hole, with the findings as details. */
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
        .withDetail("findings", AuditReports.render(report).get("findings"));
  }
}
