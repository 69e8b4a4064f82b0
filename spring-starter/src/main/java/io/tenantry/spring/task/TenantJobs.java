package io.tenantry.spring.task;

import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import io.tenantry.spring.internal.EveryCluster;
import io.tenantry.spring.internal.IsolatedJpa;
import jakarta.persistence.EntityManagerFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs scheduled work once per company, each time with that company bound (every store visible), so
 * a job never needs a "default tenant":
 *
 * <pre>{@code
 * @Scheduled(cron = "0 0 3 * * *")
 * void nightlyStockReport() {
 *   jobs.forEachCompany("nightly stock report", reports::buildForCurrentCompany).throwIfFailed();
 * }
 * }</pre>
 *
 * The companies are listed under {@code Tenancy.asSystem}; the work itself never runs as system. When the
 * persistence unit's DataSource routes companies to several clusters ({@code tenantry-clusters}'
 * {@code CompanyClusters}), the companies of every cluster are listed, each cluster's as system work pinned to it,
 * and each company's work runs on its cluster.
 * Deactivated companies are left out ({@code TenantProvisioning.deactivateCompany}).
 * One company's failure is logged at ERROR and reported in the {@link TenantJobReport}; the other
 * companies still run.
 */
public final class TenantJobs {

  private static final Logger LOG = LoggerFactory.getLogger(TenantJobs.class);

  private final IsolatedJpa jpa;
  private final EntityManagerFactory entityManagerFactory;

  /** Lists companies from the given persistence unit. */
  public TenantJobs(EntityManagerFactory entityManagerFactory) {
    this.jpa = new IsolatedJpa(entityManagerFactory);
    this.entityManagerFactory = entityManagerFactory;
  }

  /**
   * Runs {@code task} once per active company, in id order, with {@code TenantContext.ofCompany(id)} bound
   * and the job's name as principal ({@code job:<name>}).
   *
   * @param jobName what the job is, for the system-access log, the principal and the report
   * @throws IllegalStateException when called with a tenant bound: platform-wide work does not run
   *     inside one tenant's request
   */
  public TenantJobReport forEachCompany(String jobName, Runnable task) {
    if (jobName == null || jobName.isBlank()) {
      throw new IllegalArgumentException("Name the job: forEachCompany(\"nightly stock report\", task)");
    }
    Objects.requireNonNull(task, "task");
    if (Tenancy.isBound()) {
      throw new IllegalStateException("TenantJobs.forEachCompany(\"" + jobName + "\") was called with tenant "
          + Tenancy.current().companyId() + " bound: per-company jobs are platform work, run them from a "
          + "scheduler thread, not inside one tenant's request");
    }
    List<UUID> companies = companies("job '" + jobName + "': list the companies to run it for");
    List<UUID> succeeded = new ArrayList<>();
    Map<UUID, RuntimeException> failed = new LinkedHashMap<>();
    for (UUID company : companies) {
      TenantContext context = TenantContext.builder(company).allStores().principal("job:" + jobName).build();
      try {
        Tenancy.run(context, task);
        succeeded.add(company);
      } catch (RuntimeException e) {
        failed.put(company, e);
        Tenancy.run(context, () -> LOG.error("Job '{}' failed for company {}; continuing with the others",
            jobName, company, e));
      }
    }
    TenantJobReport report = new TenantJobReport(jobName, succeeded, failed);
    LOG.info("Job '{}' ran for {} companies: {} succeeded, {} failed", jobName, companies.size(), succeeded.size(),
        failed.size());
    return report;
  }

  /** The active companies, in id order: of the one database, or of every cluster. */
  private List<UUID> companies(String reason) {
    Supplier<List<UUID>> list = () -> jpa.inTransaction(em -> em.createQuery(
        "select c.id from Company c where c.deactivatedAt is null order by c.id", UUID.class).getResultList());
    return EveryCluster.supplyAsSystem(entityManagerFactory, reason, list).map(perCluster -> {
      // a company's stale copy on a cluster it moved away from is listed there too: once is enough, and its
      // work runs where the directory places it. Sorted as PostgreSQL orders uuids.
      Set<UUID> all = new TreeSet<>(Comparator.comparing(UUID::toString));
      perCluster.forEach(all::addAll);
      return List.copyOf(all);
    }).orElseGet(() -> Tenancy.supplyAsSystem(reason, list));
  }
}
