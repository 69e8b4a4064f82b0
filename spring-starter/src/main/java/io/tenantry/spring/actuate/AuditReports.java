package io.tenantry.spring.actuate;

import io.tenantry.hibernate.rls.AuditReport;
import io.tenantry.hibernate.rls.IsolationAudit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;

/**
 * The default {@link IsolationAuditResults}: runs the isolation audit over the application's
 * DataSource on each call (it only reads the catalogs) and renders it for JSON.
 */
public final class AuditReports implements IsolationAuditResults {

  private final DataSource dataSource;
  private final Supplier<SessionFactory> mapping;
  private volatile IsolationAudit audit;

  /** Audits the database behind {@code dataSource}, as the role it connects with. */
  public AuditReports(DataSource dataSource) {
    this(dataSource, () -> null);
  }

  /**
   * Audits the database behind {@code dataSource} with the application's mapping, so that the tables
   * it knows (element collections, join and secondary tables, shared entities) are audited as the
   * start-up audit does.
   *
   * @param mapping the application's session factory, or a supplier of {@code null} for none
   */
  public AuditReports(DataSource dataSource, Supplier<SessionFactory> mapping) {
    this.dataSource = dataSource;
    this.mapping = mapping;
  }

  /** Runs the audit now. */
  public AuditReport audit() {
    IsolationAudit current = audit;
    if (current == null) {
      // one audit object: it remembers the system login, so repeated health checks do not ask again
      current = IsolationAudit.of(dataSource);
      SessionFactory sessionFactory = mapping.get();
      if (sessionFactory != null) {
        current.mapping(sessionFactory);
      }
      audit = current;
    }
    return current.run();
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
    out.put("warnings", report.warnings().stream()
        .map(f -> Map.of("object", f.object(), "problem", f.problem(), "fix", f.fix()))
        .toList());
    return out;
  }
}
