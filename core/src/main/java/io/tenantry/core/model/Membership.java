package io.tenantry.core.model;

import io.tenantry.core.TenantContext;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A user's place in a company: a role, and either every store or a set of granted stores. Table
 * {@code tenantry_membership}, unique per {@code (company_id, user_id)}; grants in
 * {@code tenantry_membership_store}. {@link #toContext()} turns it into the tenant context of a
 * request.
 */
@Entity
@Table(name = "tenantry_membership")
public class Membership extends CompanyOwned {

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "user_id", nullable = false, updatable = false)
  private UserAccount user;

  @Enumerated(EnumType.STRING)
  @Column(name = "role", nullable = false, length = 20)
  private MemberRole role;

  @Column(name = "all_stores", nullable = false)
  private boolean allStores;

  @OneToMany(mappedBy = "membership", cascade = CascadeType.ALL, orphanRemoval = true)
  private Set<StoreGrant> grants = new LinkedHashSet<>();

  /** For JPA. */
  protected Membership() {}

  /** A membership in the bound company; owners see every store, others only what is granted. */
  public Membership(UserAccount user, MemberRole role) {
    if (user == null || role == null) {
      throw new IllegalArgumentException("A membership needs a user and a role");
    }
    this.user = user;
    this.role = role;
    this.allStores = role == MemberRole.OWNER;
  }

  /** Grants exactly these stores (replacing earlier grants). */
  public void grantStores(Collection<UUID> storeIds) {
    grants.removeIf(g -> !storeIds.contains(g.getStoreId()));
    Set<UUID> present = grants.stream().map(StoreGrant::getStoreId).collect(Collectors.toSet());
    for (UUID storeId : storeIds) {
      if (!present.contains(storeId)) {
        grants.add(new StoreGrant(this, storeId));
      }
    }
  }

  /** The user. */
  public UserAccount getUser() {
    return user;
  }

  /** The role. */
  public MemberRole getRole() {
    return role;
  }

  /** Whether the member sees every store of the company. */
  public boolean isAllStores() {
    return allStores;
  }

  /** The explicitly granted store ids. */
  public Set<UUID> getGrantedStoreIds() {
    return grants.stream().map(StoreGrant::getStoreId).collect(Collectors.toUnmodifiableSet());
  }

  /** The tenant context of this member with no store selected (the consolidated view). */
  public TenantContext toContext() {
    TenantContext.Builder b = TenantContext.builder(getCompanyId()).principal(user.getEmail());
    return (allStores ? b.allStores() : b.grantedStores(getGrantedStoreIds())).build();
  }
}
