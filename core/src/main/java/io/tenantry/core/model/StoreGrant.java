package io.tenantry.core.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.util.UUID;

/** One store granted to a {@link Membership}. Table {@code tenantry_membership_store}. */
@Entity
@Table(name = "tenantry_membership_store")
public class StoreGrant extends CompanyOwned {

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "membership_id", nullable = false, updatable = false)
  private Membership membership;

  @Column(name = "store_id", nullable = false, updatable = false)
  private UUID storeId;

  /** For JPA. */
  protected StoreGrant() {}

  StoreGrant(Membership membership, UUID storeId) {
    this.membership = membership;
    this.storeId = storeId;
  }

  /** The membership this grant belongs to. */
  public Membership getMembership() {
    return membership;
  }

  /** The granted store. */
  public UUID getStoreId() {
    return storeId;
  }
}
