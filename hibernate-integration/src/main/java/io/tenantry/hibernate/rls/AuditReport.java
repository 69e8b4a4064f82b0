package io.tenantry.hibernate.rls;

import java.util.List;

/** The result of an {@link IsolationAudit}: the tenant tables seen and every finding. */
public final class AuditReport {

  private final List<String> tenantTables;
  private final List<AuditFinding> findings;
  private final List<AuditFinding> warnings;

  AuditReport(List<String> tenantTables, List<AuditFinding> findings, List<AuditFinding> warnings) {
    this.tenantTables = List.copyOf(tenantTables);
    this.findings = List.copyOf(findings);
    this.warnings = List.copyOf(warnings);
  }

  /** The tables recognised as tenant tables (a {@code company_id} column, or the company table). */
  public List<String> tenantTables() {
    return tenantTables;
  }

  /** Every finding, in table order. */
  public List<AuditFinding> findings() {
    return findings;
  }

  /**
   * What deserves attention without being a hole by itself: no system login configured, the
   * application role's TEMP privilege. Not counted by {@link #isClean()}.
   */
  public List<AuditFinding> warnings() {
    return warnings;
  }

  /** The objects of the findings, comma-separated, at most {@code max} (for one-line messages). */
  public String summary(int max) {
    java.util.LinkedHashSet<String> objects = new java.util.LinkedHashSet<>();
    findings.forEach(f -> objects.add(f.object()));
    String listed = String.join(", ", objects.stream().limit(max).toList());
    return objects.size() > max ? listed + " and " + (objects.size() - max) + " more" : listed;
  }

  /** Whether nothing was found (warnings aside). */
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
    if (!warnings.isEmpty()) {
      sb.append(", ").append(warnings.size()).append(warnings.size() == 1 ? " warning" : " warnings");
    }
    for (AuditFinding f : findings) {
      sb.append("\n  - ").append(f);
    }
    for (AuditFinding w : warnings) {
      sb.append("\n  - warning: ").append(w);
    }
    return sb.toString();
  }
}
