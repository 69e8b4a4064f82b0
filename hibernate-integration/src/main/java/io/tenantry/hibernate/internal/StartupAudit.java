package io.tenantry.hibernate.internal;

import io.tenantry.hibernate.TenantryHibernate;
import io.tenantry.hibernate.rls.AuditReport;
import io.tenantry.hibernate.rls.IsolationAudit;
import io.tenantry.hibernate.rls.TenantryRls;
import java.util.Locale;
import javax.sql.DataSource;
import org.hibernate.HibernateException;
import org.hibernate.SessionFactory;
import org.hibernate.SessionFactoryObserver;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the isolation audit when the session factory starts ({@value TenantryHibernate#AUDIT_PROPERTY}
 * = fail | warn | off). Default: {@code fail} when the DataSource is Tenantry's row-level-security
 * DataSource, {@code off} otherwise (without row-level security there is nothing to audit).
 */
final class StartupAudit {

  private static final Logger LOG = LoggerFactory.getLogger(StartupAudit.class);
  private static final String LEGACY_AUDIT_PROPERTY = "tenantry.audit.on_startup";

  private StartupAudit() {}

  static void run(SessionFactoryImplementor factory) {
    DataSource dataSource = FactoryDataSource.of(factory);
    boolean rls = dataSource != null && TenantryRls.isWrapped(dataSource);
    Object configured = factory.getProperties().get(TenantryHibernate.AUDIT_PROPERTY);
    if (configured == null) {
      configured = factory.getProperties().get(LEGACY_AUDIT_PROPERTY);
    }
    String mode = configured == null ? (rls ? "fail" : "off") : configured.toString().trim().toLowerCase(Locale.ROOT);
    if (mode.equals("off")) {
      return;
    }
    if (!mode.equals("fail") && !mode.equals("warn")) {
      throw new HibernateException(TenantryHibernate.AUDIT_PROPERTY + " must be fail, warn or off, not '" + configured + "'");
    }
    if (dataSource == null) {
      throw new HibernateException(TenantryHibernate.AUDIT_PROPERTY + "=" + mode + " needs a DataSource-based connection "
          + "provider (set jakarta.persistence.nonJtaDataSource), or set it to off");
    }
    // after the runtime model is built: the audit reads the mapping (child tables, shared entities)
    factory.addObserver(new SessionFactoryObserver() {
      @Override
      public void sessionFactoryCreated(SessionFactory created) {
        audit(factory, dataSource, mode);
      }
    });
  }

  private static void audit(SessionFactoryImplementor factory, DataSource dataSource, String mode) {
    AuditReport report = IsolationAudit.of(dataSource).mapping(factory).run();
    if (report.isClean()) {
      if (report.warnings().isEmpty()) {
        LOG.info("Tenantry isolation audit: {} tenant tables, no findings", report.tenantTables().size());
      } else {
        LOG.warn("{}", report);
      }
    } else if (mode.equals("warn")) {
      LOG.warn("{}", report);
    } else {
      // The report (often hundreds of lines) is logged once here; the exception carries one line, because
      // every layer that wraps it (Hibernate, JPA, each Spring bean) repeats its message.
      LOG.error("{}\nFix the schema (each finding names its fix), or set {}=warn to start anyway.", report,
          TenantryHibernate.AUDIT_PROPERTY);
      throw new HibernateException("Tenantry isolation audit: " + report.findings().size() + " finding"
          + (report.findings().size() == 1 ? "" : "s") + " (" + report.summary(5) + "), each with its fix in the "
          + "log of " + StartupAudit.class.getName() + ". Fix the schema, or set " + TenantryHibernate.AUDIT_PROPERTY
          + "=warn to start anyway.");
    }
  }
}
