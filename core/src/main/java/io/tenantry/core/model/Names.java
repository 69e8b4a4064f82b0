package io.tenantry.core.model;

/** Validation of display names shared by the hierarchy entities. */
final class Names {

  static final int MAX = 200;

  private Names() {}

  static String require(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("A " + what + " is required (1 to " + MAX + " characters)");
    }
    String trimmed = value.strip();
    if (trimmed.length() > MAX) {
      throw new IllegalArgumentException(
          "The " + what + " has " + trimmed.length() + " characters; at most " + MAX + " are allowed");
    }
    return trimmed;
  }
}
