package io.tenantry.test;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/** Random names and secrets for databases and roles, which are cluster-wide and so must not collide. */
final class Names {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final Pattern PREFIX = Pattern.compile("[a-z_][a-z0-9_]{0,39}");

  private Names() {
  }

  static String databaseName() {
    return "tenantry_t_" + random(10);
  }

  static String roleName(String prefix) {
    if (prefix == null || !PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException("Role prefix must be a lowercase SQL identifier of 1 to 40 characters "
          + "([a-z_][a-z0-9_]*), for example \"app\"; got: " + prefix);
    }
    return prefix + "_" + random(10);
  }

  static String password() {
    return random(24);
  }

  /** Double-quotes an identifier that did not come from {@link Names}, such as the admin login. */
  static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  private static String random(int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return out.toString();
  }
}
