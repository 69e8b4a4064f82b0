package io.tenantry.benchmarks.pos.plain;

import io.tenantry.benchmarks.pos.Op;
import io.tenantry.benchmarks.pos.OpInput;
import io.tenantry.benchmarks.pos.PosWorkload;
import io.tenantry.benchmarks.pos.RlsSettingsSql;
import java.time.Instant;
import java.util.List;
import org.hibernate.Session;
import org.hibernate.SessionFactory;

/**
 * (a) The baseline: Hibernate with plain entities and hand-written JPQL that names
 * {@code company_id} and {@code store_id} itself. With {@code extraRoundTrip}, every transaction
 * first runs the same {@code select set_config(...)} as Tenantry's row-level-security DataSource,
 * on a role that bypasses the policies: the round trip alone, without policies.
 */
public final class PlainWorkload implements PosWorkload {

  static final String CATALOG = "select p.id, p.sku, p.name, coalesce(o.price, p.basePrice) from Product p"
      + " left join PriceOverride o on o.product = p and o.companyId = :company and o.storeId = :store"
      + " where p.companyId = :company order by p.sku";
  static final String SALE = "select s from Sale s join fetch s.lines"
      + " where s.id = :id and s.companyId = :company and s.storeId = :store";
  static final String REPORT = "select s.storeId, count(s), sum(s.total) from Sale s"
      + " where s.companyId = :company and s.soldAt >= :from and s.soldAt < :to group by s.storeId";

  private final SessionFactory sf;
  private final boolean extraRoundTrip;

  public PlainWorkload(SessionFactory sf, boolean extraRoundTrip) {
    this.sf = sf;
    this.extraRoundTrip = extraRoundTrip;
  }

  @Override
  public long run(Op op, OpInput in) {
    return sf.fromTransaction(s -> {
      if (extraRoundTrip) {
        s.doWork(c -> RlsSettingsSql.apply(c, in.context));
      }
      return work(s, op, in);
    });
  }

  private static long work(Session s, Op op, OpInput in) {
    switch (op) {
      case CATALOG_PAGE: {
        List<Object[]> rows = s.createSelectionQuery(CATALOG, Object[].class)
            .setParameter("company", in.company).setParameter("store", in.store)
            .setFirstResult(in.page * OpInput.PAGE_SIZE).setMaxResults(OpInput.PAGE_SIZE).getResultList();
        return PosWorkload.catalogChecksum(rows);
      }
      case SALE_BY_ID: {
        Sale sale = s.createSelectionQuery(SALE, Sale.class).setParameter("id", in.sale)
            .setParameter("company", in.company).setParameter("store", in.store).getSingleResult();
        return PosWorkload.saleChecksum(sale.getLines().size(), sale.getTotal());
      }
      case SALES_REPORT:
        return PosWorkload.reportChecksum(s.createSelectionQuery(REPORT, Object[].class)
            .setParameter("company", in.company).setParameter("from", in.from).setParameter("to", in.to)
            .getResultList());
      case INSERT_SALE: {
        Sale sale = new Sale(in.company, in.store, in.register, Instant.now());
        for (int i = 0; i < OpInput.LINES_PER_NEW_SALE; i++) {
          SaleLine line = new SaleLine(sale, s.getReference(Product.class, in.products[i]), in.quantities[i],
              in.prices[i]);
          line.ownedLike(in.company, in.store, in.register);
          sale.add(line);
        }
        s.persist(sale);
        return 1;
      }
      default:
        throw new IllegalArgumentException(op.toString());
    }
  }
}
