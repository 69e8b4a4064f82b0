package io.tenantry.examples.pos.account;

import io.tenantry.core.model.SharedAcrossTenants;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.UuidGenerator;

/**
 * A signup waiting for its e-mail address to confirm it: the company to create, the address, and the
 * SHA-256 hash of the one-time token mailed to that address. Table {@code pos_signup_request}: it belongs
 * to no company yet, and only the system login reads or writes it (V1_11 revokes it from the application
 * role).
 */
@Entity
@Table(name = "pos_signup_request")
@SharedAcrossTenants("a signup request belongs to no company until it is confirmed; only the system login may use"
    + " the table")
class SignupRequest {

  @Id
  @UuidGenerator(style = UuidGenerator.Style.VERSION_7)
  @Column(name = "id", nullable = false, updatable = false)
  private UUID id;

  @Column(name = "email", nullable = false, length = 320, updatable = false)
  private String email;

  @Column(name = "company_name", nullable = false, length = 200, updatable = false)
  private String companyName;

  @Column(name = "token_hash", nullable = false, updatable = false)
  private byte[] tokenHash;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "expires_at", nullable = false, updatable = false)
  private Instant expiresAt;

  @Column(name = "used_at")
  private Instant usedAt;

  /**
   * The company an earlier attempt to confirm this signup created before it failed (its owner had not joined it), to
   * be finished by the retry rather than left empty; null when none (V1_23).
   */
  @Column(name = "created_company")
  private UUID createdCompany;

  protected SignupRequest() {}

  SignupRequest(String email, String companyName, byte[] tokenHash, Instant createdAt, Instant expiresAt) {
    this.email = email;
    this.companyName = companyName;
    this.tokenHash = tokenHash.clone();
    this.createdAt = createdAt;
    this.expiresAt = expiresAt;
  }

  UUID getId() {
    return id;
  }

  String getEmail() {
    return email;
  }

  String getCompanyName() {
    return companyName;
  }

  Instant getExpiresAt() {
    return expiresAt;
  }

  Instant getUsedAt() {
    return usedAt;
  }

  UUID getCreatedCompany() {
    return createdCompany;
  }
}
