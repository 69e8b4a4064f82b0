package io.tenantry.benchmarks.pos.tenantid;

import io.tenantry.benchmarks.pos.Op;
import io.tenantry.benchmarks.pos.OpInput;
import io.tenantry.benchmarks.pos.PosWorkload;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.context.spi.CurrentTenantIdentifierResolver;

/**
 * (b) Hibernate's own {@code @TenantId}: the company condition and stamping come from Hibernate and a
 * plain {@link CurrentTenantIdentifierResolver}; the store is still named by hand, since
 * {@code @TenantId} knows only one level.
 */
public final class TenantIdWorkload implements PosWorkload {

  static final String CATALOG = "select p.id, p.sku, p.name, coalesce(o.price, p.basePrice) from Product p"
      + " left join PriceOverride o on o.product = p and o.storeId = :store order by p.sku";
  static final String SALE = "select s from Sale s join fetch s.lines where s.id = :id and s.storeId = :store";
  static final String REPORT = "select s.storeId, count(s), sum(s.total) from Sale s"
      + " where s.soldAt >= :from and s.soldAt < :to group by s.storeId";

  /** The tenant of the current thread, as an application without Tenantry would keep it. */
  public static final class Resolver implements CurrentTenantIdentifierResolver<UUID> {
    static final ThreadLocal<UUID> CURRENT = new ThreadLocal<>();
    private static final UUID NONE = new UUID(0, 0);

    @Override
    public UUID resolveCurrentTenantIdentifier() {
      UUID id = CURRENT.get();
      return id == null ? NONE : id;
    }

    @Override
    public boolean validateExistingCurrentSessions() {
      return false;
    }
  }

  private final SessionFactory sf;

  public TenantIdWorkload(SessionFactory sf) {
    this.sf = sf;
  }

  @Override
  public long run(Op op, OpInput in) {
    Resolver.CURRENT.set(in.company);
    try {
      return sf.fromTransaction(s -> work(s, op, in));
    } finally {
      Resolver.CURRENT.remove();
    }
  }

  private static long work(Session s, Op op, OpInput in) {
    switch (op) {
      case CATALOG_PAGE: {
        List<Object[]> rows = s.createSelectionQuery(CATALOG, Object[].class).setParameter("store", in.store)
            .setFirstResult(in.page * OpInput.PAGE_SIZE).setMaxResults(OpInput.PAGE_SIZE).getResultList();
        return PosWorkload.catalogChecksum(rows);
      }
      case SALE_BY_ID: {
        Sale sale = s.createSelectionQuery(SALE, Sale.class).setParameter("id", in.sale)
            .setParameter("store", in.store).getSingleResult();
        return PosWorkload.saleChecksum(sale.getLines().size(), sale.getTotal());
      }
      case SALES_REPORT:
        return PosWorkload.reportChecksum(s.createSelectionQuery(REPORT, Object[].class)
            .setParameter("from", in.from).setParameter("to", in.to).getResultList());
      case INSERT_SALE: {
        Sale sale = new Sale(null, in.store, in.register, Instant.now());
        for (int i = 0; i < OpInput.LINES_PER_NEW_SALE; i++) {
          SaleLine line = new SaleLine(sale, s.getReference(Product.class, in.products[i]), in.quantities[i],
              in.prices[i]);
          line.ownedLike(null, in.store, in.register);
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
