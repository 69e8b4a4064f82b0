package io.tenantry.spring.registerkey;

import io.tenantry.core.model.RegisterOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A register's API key as stored: its SHA-256 hash, never the key. Table
 * {@code tenantry_register_key}. Owned by the register, so a register sees only its own keys and a
 * manager the keys of the registers of the stores it may see.
 */
@Entity
@Table(name = "tenantry_register_key")
public class RegisterKey extends RegisterOwned {

  @Column(name = "key_hash", nullable = false, updatable = false, length = 32)
  private byte[] keyHash;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  @Column(name = "last_seen_at")
  private Instant lastSeenAt;

  /** For JPA. */
  protected RegisterKey() {}

  RegisterKey(byte[] keyHash, Instant createdAt) {
    this.keyHash = keyHash.clone();
    this.createdAt = createdAt;
  }

  byte[] keyHash() {
    return keyHash.clone();
  }

  /** When the key was issued. */
  public Instant getCreatedAt() {
    return createdAt;
  }

  /** When the key was revoked, or {@code null} while it is valid. */
  public Instant getRevokedAt() {
    return revokedAt;
  }

  /** Whether the key was revoked. */
  public boolean isRevoked() {
    return revokedAt != null;
  }

  /**
   * When a request last presented the key, or {@code null} if none did; written at most once per
   * {@code tenantry.register-keys.last-seen-interval}.
   */
  public Instant getLastSeenAt() {
    return lastSeenAt;
  }

  void revoke(Instant at) {
    if (revokedAt == null) {
      revokedAt = at;
    }
  }
}
