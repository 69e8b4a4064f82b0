package io.tenantry.spring.registerkey;

import io.tenantry.core.model.SharedAcrossTenants;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/**
 * The directory entry of a register key: its hash, the key's id and the company that owns it. Table
 * {@code tenantry_register_key_lookup} (migration {@code classpath:db/tenantry/V0_2_2__tenantry_register_key_lookup.sql}).
 * The only read made before a tenant is known ({@code X-Register-Key}) reads this table; the key itself,
 * {@link RegisterKey}, is then read as its company, so that every read of tenant data names one company (one shard on
 * Citus, the company's cluster with several clusters). Global data, written and read by the system login only.
 */
@Entity
@Table(name = "tenantry_register_key_lookup")
@SharedAcrossTenants("the directory from a presented key's hash to its company, read before any tenant is known;"
    + " only the system login uses it")
public class RegisterKeyLookupEntry {

  @Id
  @Column(name = "register_key_id", nullable = false, updatable = false)
  private UUID registerKeyId;

  @Column(name = "key_hash", nullable = false, updatable = false, length = 32)
  private byte[] keyHash;

  @Column(name = "company", nullable = false, updatable = false)
  private UUID company;

  /** For JPA. */
  protected RegisterKeyLookupEntry() {}

  RegisterKeyLookupEntry(UUID registerKeyId, byte[] keyHash, UUID company) {
    this.registerKeyId = registerKeyId;
    this.keyHash = keyHash.clone();
    this.company = company;
  }

  /** The register key's id ({@link RegisterKey#getId()}). */
  public UUID getRegisterKeyId() {
    return registerKeyId;
  }

  /** The company the key belongs to. */
  public UUID getCompany() {
    return company;
  }
}
