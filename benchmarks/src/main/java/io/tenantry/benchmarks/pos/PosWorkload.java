package io.tenantry.benchmarks.pos;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * One way of doing the point-of-sale work. {@link #run} returns a checksum of what it read, so a
 * check before the measurement proves that every variant returns the same rows.
 */
public interface PosWorkload {

  long run(Op op, OpInput in);

  /** Checksum of catalog rows {@code (id, sku, name, effective price)}. */
  static long catalogChecksum(List<Object[]> rows) {
    long sum = rows.size();
    for (Object[] row : rows) {
      sum = sum * 31 + ((UUID) row[0]).getLeastSignificantBits() + ((BigDecimal) row[3]).movePointRight(2).longValue();
    }
    return sum;
  }

  /** Checksum of report rows {@code (store, count, sum)}, independent of row order. */
  static long reportChecksum(List<Object[]> rows) {
    long sum = rows.size();
    for (Object[] row : rows) {
      sum += ((UUID) row[0]).getLeastSignificantBits() ^ (((Number) row[1]).longValue() * 1_000_003L
          + ((BigDecimal) row[2]).movePointRight(2).longValue());
    }
    return sum;
  }

  static long saleChecksum(int lines, BigDecimal total) {
    return lines * 1_000_000_007L + total.movePointRight(2).longValue();
  }
}
