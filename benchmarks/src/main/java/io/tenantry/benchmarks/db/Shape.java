package io.tenantry.benchmarks.db;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.UUID;

/**
 * The shape of one benchmark data set, and the ids of its rows. Every id is {@code md5(key)::uuid},
 * computed the same way here and in {@link DataLoader}'s SQL, so clients pick any row without a
 * lookup. Every company has the same shape, so a 10-company and a 10,000-company data set differ only
 * in how many tenants share the tables.
 */
public final class Shape {

  /** First instant of the loaded sales history; sales span {@link #HISTORY_DAYS} days from here. */
  public static final Instant HISTORY_START = Instant.parse("2025-01-01T00:00:00Z");
  /** Length of the loaded history. Sales the benchmark inserts are dated now, after it. */
  public static final int HISTORY_DAYS = 90;

  public final int companies;
  public final int storesPerCompany = 2;
  public final int registersPerStore = 2;
  public final int productsPerCompany = 200;
  public final int salesPerCompany = 100;
  public final int linesPerSale = 5;

  public Shape(int companies) {
    if (companies < 1) {
      throw new IllegalArgumentException("a data set needs at least one company, got " + companies);
    }
    this.companies = companies;
  }

  public long saleLines() {
    return (long) companies * salesPerCompany * linesPerSale;
  }

  /** Products with a store price: a quarter of the catalog per store, a different quarter in each store. */
  public static boolean hasOverride(int product, int store) {
    return (product + store) % 4 == 0;
  }

  public static BigDecimal basePrice(int product) {
    return BigDecimal.valueOf((product * 37L) % 1000 + 99, 2);
  }

  public static BigDecimal overridePrice(int product) {
    return basePrice(product).multiply(new BigDecimal("0.9")).setScale(2, RoundingMode.HALF_UP);
  }

  /** The store (1-based) a loaded sale belongs to. */
  public int storeOfSale(int sale) {
    return 1 + sale % storesPerCompany;
  }

  public int registerOfSale(int sale) {
    return 1 + (sale / storesPerCompany) % registersPerStore;
  }

  public static UUID company(int c) {
    return md5("c:" + c);
  }

  public static UUID store(int c, int s) {
    return md5("s:" + c + ":" + s);
  }

  public static UUID register(int c, int s, int r) {
    return md5("r:" + c + ":" + s + ":" + r);
  }

  public static UUID product(int c, int p) {
    return md5("p:" + c + ":" + p);
  }

  public static UUID sale(int c, int k) {
    return md5("x:" + c + ":" + k);
  }

  private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  });

  /** PostgreSQL's {@code md5(text)::uuid}. */
  static UUID md5(String key) {
    byte[] d = MD5.get().digest(key.getBytes(StandardCharsets.UTF_8));
    long msb = 0;
    long lsb = 0;
    for (int i = 0; i < 8; i++) {
      msb = (msb << 8) | (d[i] & 0xff);
      lsb = (lsb << 8) | (d[i + 8] & 0xff);
    }
    return new UUID(msb, lsb);
  }

  @Override
  public String toString() {
    return companies + " companies x (" + storesPerCompany + " stores x " + registersPerStore + " registers, "
        + productsPerCompany + " products, " + salesPerCompany + " sales x " + linesPerSale + " lines)";
  }
}
