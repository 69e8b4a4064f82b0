package io.tenantry.benchmarks.pos.scoped;

import io.tenantry.benchmarks.pos.Op;
import io.tenantry.benchmarks.pos.OpInput;
import io.tenantry.benchmarks.pos.PosWorkload;
import io.tenantry.core.Tenancy;
import java.time.Instant;
import java.util.List;
import org.hibernate.Session;
import org.hibernate.SessionFactory;

/**
 * (c) and (d) Tenantry: entities extend the owned base classes, the JPQL names no tenant at all, and the
 * work runs inside {@code Tenancy.supply(context, ...)}. On {@code TenantryRls.dataSource(...)} this is
 * (d), scoping plus row-level security.
 */
public final class ScopedWorkload implements PosWorkload {

  static final String CATALOG = "select p.id, p.sku, p.name, coalesce(o.price, p.basePrice) from Product p"
      + " left join PriceOverride o on o.product = p order by p.sku";
  static final String SALE = "select s from Sale s join fetch s.lines where s.id = :id";
  static final String REPORT = "select s.storeId, count(s), sum(s.total) from Sale s"
      + " where s.soldAt >= :from and s.soldAt < :to group by s.storeId";

  private final SessionFactory sf;

  public ScopedWorkload(SessionFactory sf) {
    this.sf = sf;
  }

  @Override
  public long run(Op op, OpInput in) {
    return Tenancy.supply(in.context, () -> sf.fromTransaction(s -> work(s, op, in)));
  }

  private static long work(Session s, Op op, OpInput in) {
    switch (op) {
      case CATALOG_PAGE: {
        List<Object[]> rows = s.createSelectionQuery(CATALOG, Object[].class)
            .setFirstResult(in.page * OpInput.PAGE_SIZE).setMaxResults(OpInput.PAGE_SIZE).getResultList();
        return PosWorkload.catalogChecksum(rows);
      }
      case SALE_BY_ID: {
        Sale sale = s.createSelectionQuery(SALE, Sale.class).setParameter("id", in.sale).getSingleResult();
        return PosWorkload.saleChecksum(sale.getLines().size(), sale.getTotal());
      }
      case SALES_REPORT:
        return PosWorkload.reportChecksum(s.createSelectionQuery(REPORT, Object[].class)
            .setParameter("from", in.from).setParameter("to", in.to).getResultList());
      case INSERT_SALE: {
        Sale sale = new Sale(Instant.now());
        for (int i = 0; i < OpInput.LINES_PER_NEW_SALE; i++) {
          sale.add(new SaleLine(sale, s.getReference(Product.class, in.products[i]), in.quantities[i], in.prices[i]));
        }
        s.persist(sale);
        return 1;
      }
      default:
        throw new IllegalArgumentException(op.toString());
    }
  }
}
