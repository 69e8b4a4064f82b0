package io.tenantry.hibernate.rls;

import java.util.List;

/** The result of an {@link IsolationAudit}: the tenant tables seen and every finding. */
public final class AuditReport {

  private final List<String> tenantTables;
  private final List<AuditFinding> findings;

  AuditReport(List<String> tenantTables, List<AuditFinding> findings) {
    this.tenantTables = List.copyOf(tenantTables);
    this.findings = List.copyOf(findings);
  }

  /** The tables recognised as tenant tables (a {@code company_id} column, or the company table). */
  public List<String> tenantTables() {
    return tenantTables;
  }

  /** Every finding, in table order. */
  public List<AuditFinding> findings() {
    return findings;
  }

  /** Whether nothing was found. */
  public boolean isClean() {
    return findings.isEmpty();
  }

  /**
   * For tests: throws an {@link AssertionError} listing every finding with its fix.
   *
   * @return this report, when clean
   */
  public AuditReport assertClean() {
    if (!isClean()) {
      throw new AssertionError(this);
    }
    return this;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Tenantry isolation audit: ").append(tenantTables.size())
        .append(" tenant tables, ").append(findings.size()).append(findings.size() == 1 ? " finding" : " findings");
    for (AuditFinding f : findings) {
      sb.append("\n  - ").append(f);
    }
    return sb.toString();
  }
}
