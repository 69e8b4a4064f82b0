package io.tenantry.hibernate.rls;

/**
 * One hole found by the {@link IsolationAudit}.
 *
 * @param object the table, role, view or function concerned
 * @param problem what is wrong, in one sentence
 * @param fix the SQL (or step) that closes the hole
 */
public record AuditFinding(String object, String problem, String fix) {

  @Override
  public String toString() {
    return object + ": " + problem + "\n    fix: " + fix.replace("\n", "\n         ");
  }
}
