package io.tenantry.examples.pos.archfixture;

import io.tenantry.clusters.CompanyClusters;
import io.tenantry.clusters.CompanyMovingException;
import javax.sql.DataSource;

/**
 * Breaks ArchitectureTest's clusters rule on purpose: a controller or service that pins work to a cluster or reads a
 * cluster's company data itself, outside the database package. Catching {@link CompanyMovingException} is allowed.
 */
public class ClusterPinning {

  public void everyCompanyOfTwo(DataSource dataSource, Runnable work) {
    CompanyClusters.behind(dataSource).orElseThrow().onCluster("two", work);
  }

  public boolean moving(Exception e) {
    return e instanceof CompanyMovingException;
  }
}
