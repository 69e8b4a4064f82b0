package io.tenantry.clusters.internal;

import io.tenantry.clusters.CompanyClusters;
import io.tenantry.hibernate.TenantryHibernate;
import io.tenantry.hibernate.internal.FactoryDataSource;
import io.tenantry.hibernate.rls.AuditReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.hibernate.HibernateException;
import org.hibernate.SessionFactory;
import org.hibernate.SessionFactoryObserver;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.integrator.spi.Integrator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Not API. Service-loaded: when the session factory's DataSource is {@link CompanyClusters#dataSource()}, runs the
 * isolation audit on every cluster other than the home cluster (which {@code tenantry-hibernate}'s own start-up
 * audit covers through the routing DataSource), with the same setting {@value TenantryHibernate#AUDIT_PROPERTY}:
 * {@code fail} (the default), {@code warn} or {@code off}.
 */
public final class ClusterStartupAudit implements Integrator {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterStartupAudit.class);

  @Override
  public void integrate(Metadata metadata, BootstrapContext bootstrapContext, SessionFactoryImplementor factory) {
    DataSource dataSource = FactoryDataSource.of(factory);
    if (dataSource == null) {
      return;
    }
    CompanyClusters clusters = CompanyClusters.behind(dataSource).orElse(null);
    if (clusters == null) {
      return;
    }
    Object configured = factory.getProperties().get(TenantryHibernate.AUDIT_PROPERTY);
    String mode = configured == null ? "fail" : configured.toString().trim().toLowerCase(Locale.ROOT);
    if (mode.equals("off")) {
      return;
    }
    factory.addObserver(new SessionFactoryObserver() {
      @Override
      public void sessionFactoryCreated(SessionFactory created) {
        Map<String, AuditReport> reports = clusters.audit(created);
        List<String> failed = new ArrayList<>();
        reports.forEach((cluster, report) -> {
          if (cluster.equals(clusters.home())) {
            return;
          }
          if (report.isClean()) {
            LOG.info("Tenantry isolation audit of cluster {}: {} tenant tables, no findings", cluster,
                report.tenantTables().size());
          } else {
            LOG.error("Cluster {}: {}", cluster, report);
            failed.add(cluster + " (" + report.summary(5) + ")");
          }
        });
        if (!failed.isEmpty() && mode.equals("fail")) {
          throw new HibernateException("Tenantry isolation audit failed on cluster(s) " + failed + ", each finding "
              + "with its fix in the log of " + ClusterStartupAudit.class.getName() + ". Fix the schema there, or "
              + "set " + TenantryHibernate.AUDIT_PROPERTY + "=warn to start anyway.");
        }
      }
    });
  }

  @Override
  public void disintegrate(SessionFactoryImplementor factory, org.hibernate.service.spi.SessionFactoryServiceRegistry registry) {
    // nothing to undo
  }
}
