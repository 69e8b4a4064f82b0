package io.tenantry.spring.registerkey;

import java.time.Instant;
import java.util.UUID;

/**
 * A key just issued, with its clear text. Hand {@link #key()} to the register once; it cannot be
 * recovered later. {@link #toString()} leaves the key out so that it does not end up in logs.
 *
 * @param keyId the key's id, for {@link RegisterKeys#revoke(UUID)}
 * @param companyId the register's company
 * @param storeId the register's store
 * @param registerId the register
 * @param createdAt when the key was issued
 * @param key the clear key, {@code trk_} followed by 43 base64url characters
 */
public record IssuedRegisterKey(UUID keyId, UUID companyId, UUID storeId, UUID registerId, Instant createdAt,
    String key) {

  @Override
  public String toString() {
    return "IssuedRegisterKey[keyId=" + keyId + ", company=" + companyId + ", store=" + storeId + ", register="
        + registerId + ", createdAt=" + createdAt + ", key=(not shown)]";
  }
}
