package io.tenantry.clusters;

import java.util.Optional;
import java.util.UUID;

/**
 * Which cluster holds which company. Read on every connection a tenant binding asks for, so an implementation
 * should answer from memory or one indexed lookup. Writes are compare-and-set: a move that lost a race fails
 * instead of overwriting another's placement.
 */
public interface CompanyDirectory {

  /**
   * Where a company lives.
   *
   * @param companyId the company
   * @return its placement, or empty when the directory does not know it
   */
  Optional<Placement> find(UUID companyId);

  /**
   * Places a new company on a cluster.
   *
   * @param companyId the company
   * @param cluster the cluster's name
   * @throws IllegalStateException if the company is already placed (use {@link CompanyMove} to move it)
   */
  void place(UUID companyId, String cluster);

  /**
   * Marks a company as moving away from {@code from}; from now on its tenant connections are refused.
   *
   * @param companyId the company
   * @param from the cluster it must be on
   * @throws IllegalStateException if it is not on {@code from}, or already moving
   */
  void beginMove(UUID companyId, String from);

  /**
   * Ends a move: the company is placed on {@code cluster} (its new cluster, or its old one when the move was
   * abandoned) and no longer moving.
   *
   * @param companyId the company
   * @param cluster where it lives from now on
   * @throws IllegalStateException if the company is not moving
   */
  void endMove(UUID companyId, String cluster);

  /**
   * Forgets a company (after its data was deleted: offboarding).
   *
   * @param companyId the company
   */
  void remove(UUID companyId);
}
