package io.tenantry.examples.register.local;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Money as whole cents ({@code long}) locally and as two-decimal strings on the wire, the POS's
 * format. Tax is computed as the POS computes it: {@code subtotal × rate}, rounded half-up to cents.
 */
public final class Money {

  private Money() {}

  /** {@code "3.49"} → 349; refuses more than two decimals rather than rounding money silently. */
  public static long cents(String amount) {
    try {
      return new BigDecimal(amount).setScale(2).movePointRight(2).longValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException("not an amount with at most two decimals: '" + amount + "'", e);
    }
  }

  /** 349 → {@code "3.49"}. */
  public static String format(long cents) {
    return BigDecimal.valueOf(cents, 2).toPlainString();
  }

  /** The tax on a subtotal at a rate such as {@code 0.0825}, rounded half-up to cents. */
  public static long tax(long subtotalCents, BigDecimal rate) {
    return BigDecimal.valueOf(subtotalCents, 2).multiply(rate).setScale(2, RoundingMode.HALF_UP)
        .movePointRight(2).longValueExact();
  }
}
