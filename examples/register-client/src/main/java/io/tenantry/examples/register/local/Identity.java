package io.tenantry.examples.register.local;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Who this register is: the server it belongs to, its key, its store (learned from the server at
 * {@code init}) and its register id (learned from the first sale the server accepted).
 *
 * <p>The key is stored in the local database in clear: a register must sync and push unattended,
 * so it cannot ask a person for a passphrase, and a portable command-line tool has no OS keychain to
 * rely on. Whoever can read the file can act as this register (record sales in its store, read its
 * catalog) until the key is revoked on the server; the file is therefore created readable by its
 * owner only, and {@link #keyFingerprint()} is what any output shows.
 */
public record Identity(String serverUrl, String key, String storeId, String storeName, String registerId,
    String initialisedAt) {

  /** {@code sha256:} and the first 16 hex digits of the key's SHA-256: safe to print and compare. */
  public String keyFingerprint() {
    return fingerprint(key);
  }

  /** The fingerprint of any key. */
  public static String fingerprint(String key) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  /** Whether this identity is for the given server and key. */
  public boolean isFor(String otherServerUrl, String otherKey) {
    return serverUrl.equals(otherServerUrl) && key.equals(otherKey);
  }
}
