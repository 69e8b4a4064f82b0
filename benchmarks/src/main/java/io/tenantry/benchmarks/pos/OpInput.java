package io.tenantry.benchmarks.pos;

import io.tenantry.benchmarks.db.Shape;
import io.tenantry.core.TenantContext;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The arguments of one operation, drawn before the clock starts: which company, store, register,
 * sale, page or date range. The same seed draws the same arguments for every variant. Reused by one
 * client thread.
 */
public final class OpInput {

  public static final int PAGE_SIZE = 50;
  public static final int LINES_PER_NEW_SALE = 3;

  public int companyIndex;
  public UUID company;
  public UUID store;
  public UUID register;
  public UUID sale;
  public int page;
  public Instant from;
  public Instant to;
  public final UUID[] products = new UUID[LINES_PER_NEW_SALE];
  public final BigDecimal[] prices = new BigDecimal[LINES_PER_NEW_SALE];
  public final int[] quantities = new int[LINES_PER_NEW_SALE];
  /** The same arguments as a Tenantry context, the way a request filter would bind them. */
  public TenantContext context;

  public void pick(Op op, Shape shape, SplittableRandom rng) {
    int c = 1 + rng.nextInt(shape.companies);
    companyIndex = c;
    company = Shape.company(c);
    store = null;
    register = null;
    switch (op) {
      case CATALOG_PAGE: {
        int s = 1 + rng.nextInt(shape.storesPerCompany);
        store = Shape.store(c, s);
        page = rng.nextInt(shape.productsPerCompany / PAGE_SIZE);
        context = TenantContext.ofStore(company, store);
        break;
      }
      case SALE_BY_ID: {
        int k = 1 + rng.nextInt(shape.salesPerCompany);
        sale = Shape.sale(c, k);
        store = Shape.store(c, shape.storeOfSale(k));
        context = TenantContext.ofStore(company, store);
        break;
      }
      case SALES_REPORT: {
        int startDay = rng.nextInt(Shape.HISTORY_DAYS - 30);
        from = Shape.HISTORY_START.plus(Duration.ofDays(startDay));
        to = from.plus(Duration.ofDays(30));
        context = TenantContext.ofCompany(company);
        break;
      }
      case INSERT_SALE: {
        int s = 1 + rng.nextInt(shape.storesPerCompany);
        int r = 1 + rng.nextInt(shape.registersPerStore);
        store = Shape.store(c, s);
        register = Shape.register(c, s, r);
        for (int i = 0; i < LINES_PER_NEW_SALE; i++) {
          int p = 1 + rng.nextInt(shape.productsPerCompany);
          products[i] = Shape.product(c, p);
          prices[i] = Shape.basePrice(p);
          quantities[i] = 1 + rng.nextInt(3);
        }
        context = TenantContext.ofRegister(company, store, register);
        break;
      }
      default:
        throw new IllegalArgumentException(op.toString());
    }
  }
}
