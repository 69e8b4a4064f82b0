package io.tenantry.examples.pos.web;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Money in the API: decimal strings with two decimals ({@code "3.99"}) on the way out; on the way in
 * a JSON string or number with at most two decimals, from 0 to 99,999,999.99.
 */
public final class Money {

  private static final BigDecimal MAX = new BigDecimal("99999999.99");

  private Money() {}

  /** Checks a price or amount from a request. */
  public static BigDecimal amount(BigDecimal value, String field) {
    Input.required(value, field);
    if (value.signum() < 0) {
      throw ApiProblem.badRequest("'" + field + "' must not be negative; it is " + value.toPlainString() + ".");
    }
    if (value.stripTrailingZeros().scale() > 2) {
      throw ApiProblem.badRequest("'" + field + "' has more than two decimals: " + value.toPlainString() + ".");
    }
    if (value.compareTo(MAX) > 0) {
      throw ApiProblem.badRequest("'" + field + "' must be at most " + MAX.toPlainString() + ".");
    }
    return value.setScale(2, RoundingMode.UNNECESSARY);
  }

  /** The API form of an amount: {@code "3.99"}. */
  public static String format(BigDecimal value) {
    return value == null ? null : value.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
  }
}
