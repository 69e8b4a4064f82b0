package io.tenantry.clusters;

import java.util.Objects;

/**
 * Where a company lives.
 *
 * @param cluster the name of the cluster that holds the company's rows
 * @param moving whether a {@link CompanyMove} is copying the company right now: its tenant connections are refused
 *     with {@link CompanyMovingException} until the move ends, so no write can fall between the copy and the switch
 */
public record Placement(String cluster, boolean moving) {

  /** Checks the cluster name. */
  public Placement {
    Objects.requireNonNull(cluster, "cluster");
  }
}
