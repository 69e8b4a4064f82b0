package io.tenantry.examples.pos.account;

import io.tenantry.core.model.CompanyOwned;
import io.tenantry.core.model.MemberRole;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * An invitation into the company: who (an e-mail address), as what (role, store grants), and the
 * SHA-256 hash of the one-time token sent to that address. Table {@code pos_invitation}.
 */
@Entity
@Table(name = "pos_invitation")
class Invitation extends CompanyOwned {

  @Column(name = "email", nullable = false, length = 320, updatable = false)
  private String email;

  @Enumerated(EnumType.STRING)
  @Column(name = "role", nullable = false, length = 16, updatable = false)
  private MemberRole role;

  @Column(name = "store_ids", nullable = false, length = 4000, updatable = false)
  private String storeIds;

  @Column(name = "token_hash", nullable = false, updatable = false)
  private byte[] tokenHash;

  @Column(name = "invited_by", nullable = false, updatable = false)
  private UUID invitedBy;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "expires_at", nullable = false, updatable = false)
  private Instant expiresAt;

  @Column(name = "accepted_at")
  private Instant acceptedAt;

  protected Invitation() {}

  Invitation(String email, MemberRole role, Collection<UUID> storeIds, byte[] tokenHash, UUID invitedBy,
      Instant createdAt, Instant expiresAt) {
    this.email = email;
    this.role = role;
    this.storeIds = storeIds.stream().map(UUID::toString).collect(Collectors.joining(","));
    this.tokenHash = tokenHash.clone();
    this.invitedBy = invitedBy;
    this.createdAt = createdAt;
    this.expiresAt = expiresAt;
  }

  String getEmail() {
    return email;
  }

  MemberRole getRole() {
    return role;
  }

  List<UUID> getStoreIds() {
    return storeIds.isEmpty() ? List.of() : Arrays.stream(storeIds.split(",")).map(UUID::fromString).toList();
  }

  Instant getExpiresAt() {
    return expiresAt;
  }

  Instant getAcceptedAt() {
    return acceptedAt;
  }
}
