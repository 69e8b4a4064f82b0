package io.tenantry.spring.actuate;

import io.tenantry.hibernate.rls.AuditReport;
import io.tenantry.hibernate.rls.IsolationAudit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The default {@link IsolationAuditResults}: runs the isolation audit over the application's
 * DataSource on each call (it only reads the catalogs) and renders it for JSON.
 */
public final class AuditReports implements IsolationAuditResults {

  private final DataSource dataSource;

  /** Audits the database behind {@code dataSource}, as the role it connects with. */
  public AuditReports(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Runs the audit now. */
  public AuditReport audit() {
    return IsolationAudit.of(dataSource).run();
  }

  @Override
  public Optional<Object> latest() {
    return Optional.of(render(audit()));
  }

  /** The report as plain maps and lists. */
  public static Map<String, Object> render(AuditReport report) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("clean", report.isClean());
    out.put("tenantTables", report.tenantTables());
    List<Map<String, String>> findings = report.findings().stream()
        .map(f -> Map.of("object", f.object(), "problem", f.problem(), "fix", f.fix()))
        .toList();
    out.put("findings", findings);
    return out;
  }
}
