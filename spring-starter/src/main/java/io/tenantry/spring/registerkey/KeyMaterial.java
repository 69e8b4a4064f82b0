package io.tenantry.spring.registerkey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Makes and hashes register keys. A key is {@code trk_} and 32 random bytes in base64url (43
 * characters): 256 bits from {@link SecureRandom}. It is stored as its SHA-256 hash.
 *
 * <p>Why a fast hash is enough: slow, salted hashes (bcrypt, Argon2) protect low-entropy secrets that
 * people choose, by making each guess of an offline attack expensive. A uniformly random 256-bit key
 * cannot be guessed whatever the hash costs, so SHA-256 loses nothing, costs microseconds per
 * request, and being unsalted it can be looked up by a unique index. The prefix lets secret
 * scanners recognise leaked keys.
 */
final class KeyMaterial {

  static final String PREFIX = "trk_";
  private static final int RANDOM_BYTES = 32;
  private static final int ENCODED_LENGTH = 43;
  private static final SecureRandom RANDOM = new SecureRandom();

  private KeyMaterial() {}

  static String newKey() {
    byte[] bytes = new byte[RANDOM_BYTES];
    RANDOM.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Whether the value can be a key at all; anything else is refused before the database is asked. */
  static boolean wellFormed(String value) {
    if (value == null || value.length() != PREFIX.length() + ENCODED_LENGTH || !value.startsWith(PREFIX)) {
      return false;
    }
    for (int i = PREFIX.length(); i < value.length(); i++) {
      char c = value.charAt(i);
      boolean base64url = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_';
      if (!base64url) {
        return false;
      }
    }
    return true;
  }

  static byte[] hash(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
