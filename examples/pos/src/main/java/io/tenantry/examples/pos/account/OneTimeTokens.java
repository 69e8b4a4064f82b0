package io.tenantry.examples.pos.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The tokens of the one-time links this app mails (invitations, signups): 256 random bits, URL-safe, with a
 * prefix that says what they open. Only the link holds the token; the database keeps its SHA-256 hash.
 */
final class OneTimeTokens {

  private static final SecureRandom RANDOM = new SecureRandom();

  private OneTimeTokens() {}

  /** A new token, {@code prefix} followed by 43 URL-safe characters. */
  static String create(String prefix) {
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }

  /** What the database keeps of a token, and looks it up by. */
  static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
