package io.tenantry.examples.pos.web;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Checks of request values, each failing with a 400 that names the field and the rule. Every write
 * checks its whole input before it touches the database, so bad input writes nothing.
 */
public final class Input {

  private Input() {}

  /** A required text of 1 to {@code max} characters after trimming. */
  public static String text(String value, String field, int max) {
    if (value == null || value.isBlank()) {
      throw ApiProblem.badRequest("'" + field + "' is required (1 to " + max + " characters).");
    }
    String v = value.strip();
    if (v.indexOf('\0') >= 0) {
      throw ApiProblem.badRequest("'" + field + "' must not contain the NUL character (U+0000).");
    }
    if (v.length() > max) {
      throw ApiProblem.badRequest("'" + field + "' has " + v.length() + " characters; at most " + max + " are allowed.");
    }
    return v;
  }

  /** An optional text of at most {@code max} characters; {@code null} or blank stays {@code null}. */
  public static String optionalText(String value, String field, int max) {
    return value == null || value.isBlank() ? null : text(value, field, max);
  }

  /** A required value. */
  public static <T> T required(T value, String field) {
    if (value == null) {
      throw ApiProblem.badRequest("'" + field + "' is required.");
    }
    return value;
  }

  /** A required whole number in {@code [min, max]}. */
  public static int range(Integer value, String field, int min, int max) {
    required(value, field);
    if (value < min || value > max) {
      throw ApiProblem.badRequest("'" + field + "' must be a whole number from " + min + " to " + max
          + "; it is " + value + ".");
    }
    return value;
  }

  /** A list of ids without nulls or duplicates, possibly empty, at most {@code max} long. */
  public static List<UUID> ids(Collection<UUID> values, String field, int max) {
    if (values == null) {
      return List.of();
    }
    if (values.size() > max) {
      throw ApiProblem.badRequest("'" + field + "' has " + values.size() + " entries; at most " + max + " are allowed.");
    }
    if (values.stream().anyMatch(java.util.Objects::isNull)) {
      throw ApiProblem.badRequest("'" + field + "' must not contain null.");
    }
    return values.stream().distinct().toList();
  }
}
