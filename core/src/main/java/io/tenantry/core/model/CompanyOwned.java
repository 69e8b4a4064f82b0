package io.tenantry.core.model;

import io.tenantry.core.model.internal.SystemSessionFilter;
import io.tenantry.core.model.internal.BoundCompany;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PrePersist;
import io.tenantry.core.TenantContext;
import io.tenantry.core.internal.Bindings;
import java.util.UUID;
import org.hibernate.annotations.Filter;
import org.hibernate.annotations.FilterDef;
import org.hibernate.annotations.ParamDef;
import org.hibernate.annotations.UuidGenerator;

/**
 * Base class of entities owned by a company: the product catalog, customers, memberships.
 *
 * <p>The table has {@code id uuid primary key} and {@code company_id uuid not null} (with
 * {@code unique (company_id, id)} so that other tenant tables can reference it by a composite
 * foreign key). The id is generated time-ordered (UUIDv7) so indexes stay compact. The company is
 * stamped from the bound tenant on insert and can never change afterwards.
 *
 * <p>With {@code tenantry-hibernate} on the class path every read is scoped to the bound company,
 * and touching a subclass with no tenant bound throws instead of returning every row.
 */
@MappedSuperclass
@FilterDef(
    name = SystemSessionFilter.NAME,
    defaultCondition = "1 = 1",
    applyToLoadByKey = true,
    parameters = @ParamDef(name = SystemSessionFilter.PARAMETER, type = UUID.class))
@Filter(name = SystemSessionFilter.NAME)
public abstract class CompanyOwned {

  @Id
  @UuidGenerator(style = UuidGenerator.Style.VERSION_7)
  @Column(name = "id", nullable = false, updatable = false)
  private UUID id;

  @BoundCompany
  @Column(name = "company_id", nullable = false, updatable = false)
  private UUID companyId;

  /**
   * Stamps the bound company on a new row when it is persisted (so the persistence context's snapshot
   * already holds it), and fails early, with the fix, when no tenant is bound.
   */
  @PrePersist
  void tenantryStampCompany() {
    TenantContext tenant = Bindings.requireTenant("Persisting " + getClass().getSimpleName());
    if (companyId == null) {
      companyId = tenant.companyId();
    }
  }

  /** The row's id; {@code null} until persisted. */
  public UUID getId() {
    return id;
  }

  /** The owning company; stamped from the bound tenant when the row is inserted. */
  public UUID getCompanyId() {
    return companyId;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof CompanyOwned) || id == null) {
      return false;
    }
    // proxies are subclasses: compare ids within one class hierarchy
    boolean related = getClass().isAssignableFrom(o.getClass()) || o.getClass().isAssignableFrom(getClass());
    return related && id.equals(((CompanyOwned) o).getId());
  }

  /** Constant, so that an entity keeps its hash when it receives its id on insert. */
  @Override
  public int hashCode() {
    return 31;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[id=" + id + ", company=" + companyId + "]";
  }
}
