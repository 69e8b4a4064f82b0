package io.tenantry.spring.actuate;

import io.tenantry.core.Tenancy;
import io.tenantry.spring.internal.EveryCluster;
import io.tenantry.spring.internal.IsolatedJpa;
import jakarta.persistence.EntityManagerFactory;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The {@code tenantry} actuator endpoint: how many companies, stores and registers exist, and the
 * isolation audit's result once an {@link IsolationAuditResults} bean provides one.
 *
 * <p>The counts are platform-wide, read under {@code Tenancy.asSystem}; when the persistence unit's DataSource
 * routes companies to several clusters ({@code tenantry-clusters}' {@code CompanyClusters}), each cluster is counted
 * as system work pinned to it and the counts are their sums (a company's unreachable copy left on a cluster by a
 * failed move, {@code CompanyMove.Result.sourceKept()}, counts there too). Expose the endpoint only to
 * operators (a management port, or a security rule for an operator role), never to tenants. Like
 * every endpoint it is not exposed over HTTP until listed in
 * {@code management.endpoints.web.exposure.include}.
 */
@Endpoint(id = "tenantry")
public class TenantryEndpoint {

  private final IsolatedJpa jpa;
  private final EntityManagerFactory entityManagerFactory;
  private final ObjectProvider<IsolationAuditResults> audit;
  private final String auditOnStartup;

  /**
   * Creates the endpoint.
   *
   * @param auditOnStartup the configured {@code tenantry.audit.on-startup}, shown next to the audit
   */
  public TenantryEndpoint(EntityManagerFactory entityManagerFactory, ObjectProvider<IsolationAuditResults> audit,
      String auditOnStartup) {
    this.jpa = new IsolatedJpa(entityManagerFactory);
    this.entityManagerFactory = entityManagerFactory;
    this.audit = audit;
    this.auditOnStartup = auditOnStartup;
  }

  /** The counts and the audit slot. */
  @ReadOperation
  public TenantryDescriptor tenantry() {
    String reason = "actuator endpoint 'tenantry': platform-wide counts";
    Supplier<Counts> count = () -> jpa.inTransaction(em -> new Counts(
        em.createQuery("select count(c) from Company c", Long.class).getSingleResult(),
        em.createQuery("select count(s) from Store s", Long.class).getSingleResult(),
        em.createQuery("select count(r) from Register r", Long.class).getSingleResult()));
    Counts counts = EveryCluster.supplyAsSystem(entityManagerFactory, reason, count)
        .map(perCluster -> perCluster.stream().reduce(new Counts(0, 0, 0), Counts::plus))
        .orElseGet(() -> Tenancy.supplyAsSystem(reason, count));
    IsolationAuditResults results = audit.getIfAvailable();
    Object auditResult = results == null ? null : results.latest().orElse(null);
    Object auditView = auditResult != null ? auditResult : Map.of(
        "status", results == null ? "UNAVAILABLE" : "NOT_RUN",
        "onStartup", auditOnStartup,
        "detail", results == null
            ? "No IsolationAuditResults bean: the application has no single DataSource to audit."
            : "No audit has run yet.");
    return new TenantryDescriptor(counts, auditView);
  }

  /**
   * What the endpoint shows.
   *
   * @param counts platform-wide counts
   * @param audit the latest isolation audit result, or a status saying why there is none
   */
  public record TenantryDescriptor(Counts counts, Object audit) {}

  /**
   * Platform-wide counts of the hierarchy.
   *
   * @param companies companies (tenants)
   * @param stores stores of all companies
   * @param registers registers of all stores
   */
  public record Counts(long companies, long stores, long registers) {

    Counts plus(Counts other) {
      return new Counts(companies + other.companies, stores + other.stores, registers + other.registers);
    }
  }
}
