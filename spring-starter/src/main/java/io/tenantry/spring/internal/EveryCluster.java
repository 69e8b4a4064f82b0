package io.tenantry.spring.internal;

import io.tenantry.clusters.CompanyClusters;
import io.tenantry.hibernate.internal.FactoryDataSource;
import jakarta.persistence.EntityManagerFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.springframework.util.ClassUtils;

/**
 * Platform-wide system work on a persistence unit whose DataSource may route companies to several clusters
 * ({@code tenantry-clusters}' {@code CompanyClusters}, an optional dependency, loaded only when present): there the
 * work runs once per cluster, as system work pinned to it; elsewhere the caller runs it once.
 *
 * <p>Internal.
 */
public final class EveryCluster {

  private static final boolean CLUSTERS_PRESENT = ClassUtils.isPresent("io.tenantry.clusters.CompanyClusters",
      EveryCluster.class.getClassLoader());

  private EveryCluster() {}

  /**
   * Runs {@code work} inside {@code Tenancy.asSystem} once on each cluster, when the unit's DataSource is a
   * {@code CompanyClusters} router.
   *
   * @param entityManagerFactory the persistence unit
   * @param reason why the work crosses tenants (each cluster's name is appended)
   * @param work the work
   * @param <T> the result type
   * @return each cluster's result in configuration order (home first when configured first), or empty when the
   *     DataSource is not a router: then run the work once, as system work
   */
  public static <T> Optional<List<T>> supplyAsSystem(EntityManagerFactory entityManagerFactory, String reason,
      Supplier<T> work) {
    if (!CLUSTERS_PRESENT) {
      return Optional.empty();
    }
    DataSource dataSource = dataSource(entityManagerFactory);
    return dataSource == null ? Optional.empty() : Routed.supplyAsSystem(dataSource, reason, work);
  }

  private static DataSource dataSource(EntityManagerFactory entityManagerFactory) {
    SessionFactoryImplementor factory = entityManagerFactory.unwrap(SessionFactoryImplementor.class);
    if (factory == null) {
      return null;
    }
    return FactoryDataSource.of(factory);
  }

  /** Loaded only when {@code tenantry-clusters} is on the classpath. */
  private static final class Routed {

    static <T> Optional<List<T>> supplyAsSystem(DataSource dataSource, String reason, Supplier<T> work) {
      return CompanyClusters.behind(dataSource).map(clusters -> {
        List<T> results = new ArrayList<>();
        clusters.asSystemOnEachCluster(reason, cluster -> results.add(work.get()));
        return results;
      });
    }
  }
}
