package io.tenantry.core.model;

import io.tenantry.core.model.internal.SystemSessionFilter;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Filter;
import org.hibernate.annotations.FilterDef;
import org.hibernate.annotations.ParamDef;
import org.hibernate.annotations.UuidGenerator;

/**
 * The tenant: owns the subscription, users, settings, catalog and customers. Table
 * {@code tenantry_company}. A tenant sees only its own company row; creating, deactivating and
 * reactivating a company is platform work ({@code TenantProvisioning}, under {@code Tenancy.runAsSystem}).
 * The deactivation columns (migration {@code V0_2_0__tenantry_company_status.sql}) are read-only here.
 */
@Entity
@Table(name = "tenantry_company")
// the same marker definition as on CompanyOwned, so that either class alone declares it
@FilterDef(
    name = SystemSessionFilter.NAME,
    defaultCondition = "1 = 1",
    applyToLoadByKey = true,
    parameters = @ParamDef(name = SystemSessionFilter.PARAMETER, type = UUID.class))
@Filter(name = SystemSessionFilter.NAME)
public class Company {

  @Id
  @UuidGenerator(style = UuidGenerator.Style.VERSION_7)
  @Column(name = "id", nullable = false, updatable = false)
  private UUID id;

  @Column(name = "name", nullable = false, length = 200)
  private String name;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt = Instant.now();

  // platform state: written only by the system login (TenantProvisioning.deactivateCompany), never through the entity
  @Column(name = "deactivated_at", insertable = false, updatable = false)
  private Instant deactivatedAt;

  @Column(name = "deactivation_reason", insertable = false, updatable = false, length = 500)
  private String deactivationReason;

  /** For JPA. */
  protected Company() {}

  /** A new company with the given display name (1 to 200 characters). */
  public Company(String name) {
    this.name = Names.require(name, "company name");
  }

  /** The company id: the tenant id of every row it owns. */
  public UUID getId() {
    return id;
  }

  /** The display name, e.g. "Poco Loco Supermercado". */
  public String getName() {
    return name;
  }

  /** Renames the company. */
  public void rename(String name) {
    this.name = Names.require(name, "company name");
  }

  /** When the company was created. */
  public Instant getCreatedAt() {
    return createdAt;
  }

  /**
   * Whether the company is active: not deactivated. A deactivated company's users cannot sign in and its
   * registers are refused (see {@code TenantProvisioning.deactivateCompany}).
   */
  public boolean isActive() {
    return deactivatedAt == null;
  }

  /** When the company was deactivated, or {@code null} while it is active. Read-only here: platform work changes it. */
  public Instant getDeactivatedAt() {
    return deactivatedAt;
  }

  /** Why the company was deactivated, as the platform recorded it; {@code null} when active or not given. */
  public String getDeactivationReason() {
    return deactivationReason;
  }

  @Override
  public String toString() {
    return "Company[id=" + id + ", name=" + name + "]";
  }
}
