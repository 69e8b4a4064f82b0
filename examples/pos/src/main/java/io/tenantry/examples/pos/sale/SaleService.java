package io.tenantry.examples.pos.sale;

import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import io.tenantry.core.model.Store;
import io.tenantry.examples.pos.customer.Customers;
import io.tenantry.examples.pos.product.Catalog;
import io.tenantry.examples.pos.store.Settings;
import io.tenantry.examples.pos.web.ApiProblem;
import io.tenantry.examples.pos.web.Money;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.exception.ConstraintViolationException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Records and reads sales. */
@Service
public class SaleService {

  /** One line to sell. */
  public record Line(UUID productId, int quantity) {}

  public record LineView(UUID productId, int quantity, String unitPrice, String lineTotal) {}

  public record SaleView(UUID id, String clientSaleId, UUID storeId, UUID registerId, UUID customerId, String subtotal,
      String tax, String total, LocalDate businessDate, Instant createdAt, String receiptFooter, List<LineView> lines) {}

  /** The sale, and whether this call created it (false: an earlier call with the same clientSaleId did). */
  public record Recorded(SaleView sale, boolean created) {}

  /** The largest subtotal, tax or total the sale columns hold ({@code numeric(14, 2)}). */
  static final BigDecimal MAX_TOTAL = new BigDecimal("999999999999.99");

  @PersistenceContext
  private EntityManager em;

  private final TransactionTemplate transactions;
  private final Catalog catalog;
  private final Customers customers;
  private final Settings settings;

  SaleService(PlatformTransactionManager transactionManager, Catalog catalog, Customers customers, Settings settings) {
    this.transactions = new TransactionTemplate(transactionManager);
    this.catalog = catalog;
    this.customers = customers;
    this.settings = settings;
  }

  /**
   * Records a sale of the bound register once per {@code clientSaleId}. A retry finds the first
   * sale; two concurrent attempts race on the unique key, and the loser reads the winner's sale.
   */
  public Recorded record(String clientSaleId, UUID customerId, List<Line> lines) {
    try {
      // one transaction: the retry check and the new sale
      return transactions.execute(s -> find(clientSaleId).map(v -> new Recorded(v, false))
          .orElseGet(() -> new Recorded(create(clientSaleId, customerId, lines), true)));
    } catch (DataIntegrityViolationException | ConstraintViolationException race) {
      // a concurrent request with the same clientSaleId committed first: answer with its sale
      return transactions.execute(s -> find(clientSaleId)).map(v -> new Recorded(v, false)).orElseThrow(() -> race);
    }
  }

  SaleView get(UUID id) {
    return transactions.execute(s -> {
      Sale sale = em.find(Sale.class, id);
      if (sale == null) {
        throw ApiProblem.notFound("sale");
      }
      return view(sale, settings.current().receiptFooter());
    });
  }

  private Optional<SaleView> find(String clientSaleId) {
    // names the whole unique key (company, register, client id): one index probe, also where scoping adds nothing
    TenantContext register = Tenancy.current();
    return em.createQuery("select s from Sale s where s.companyId = :company and s.registerId = :register"
            + " and s.clientSaleId = :c", Sale.class)
        .setParameter("company", register.companyId())
        .setParameter("register", register.registerId().orElseThrow())
        .setParameter("c", clientSaleId)
        .getResultStream().findFirst()
        .map(sale -> view(sale, settings.current().receiptFooter()));
  }

  private SaleView create(String clientSaleId, UUID customerId, List<Line> lines) {
    TenantContext register = Tenancy.current();
    Map<UUID, Catalog.Priced> prices = catalog.prices(lines.stream().map(Line::productId).distinct().toList());
    for (Line line : lines) {
      if (!prices.containsKey(line.productId())) {
        throw ApiProblem.notFound("product");
      }
    }
    if (customerId != null) {
      customers.require(customerId);
    }
    Store store = em.find(Store.class, register.storeId().orElseThrow());
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    Sale sale = new Sale(clientSaleId, customerId, LocalDate.ofInstant(now, store.getTimezone()), now);
    BigDecimal subtotal = BigDecimal.ZERO.setScale(2);
    for (Line line : lines) {
      BigDecimal unit = prices.get(line.productId()).price();
      sale.addLine(line.productId(), line.quantity(), unit);
      subtotal = subtotal.add(unit.multiply(BigDecimal.valueOf(line.quantity())));
    }
    Settings.Values values = settings.current();
    BigDecimal tax = subtotal.multiply(values.taxRate()).setScale(2, RoundingMode.HALF_UP);
    if (subtotal.add(tax).compareTo(MAX_TOTAL) > 0) {
      // the columns hold 14 digits: refused here, as bad input, rather than failing in the database (a 500)
      throw ApiProblem.badRequest("The sale's total would exceed " + MAX_TOTAL.toPlainString()
          + ", the largest a sale can hold; split it into several sales.");
    }
    sale.total(subtotal, tax);
    em.persist(sale);
    em.flush();
    if (customerId != null) {
      // one point per whole currency unit, at any store of the company
      customers.addPoints(customerId, sale.getTotal().setScale(0, RoundingMode.FLOOR).longValueExact());
    }
    return view(sale, values.receiptFooter());
  }

  private static SaleView view(Sale s, String footer) {
    List<LineView> lines = s.getLines().stream()
        .map(l -> new LineView(l.getProductId(), l.getQuantity(), Money.format(l.getUnitPrice()),
            Money.format(l.getLineTotal())))
        .toList();
    return new SaleView(s.getId(), s.getClientSaleId(), s.getStoreId(), s.getRegisterId(), s.getCustomerId(),
        Money.format(s.getSubtotal()), Money.format(s.getTax()), Money.format(s.getTotal()), s.getBusinessDate(),
        s.getCreatedAt(), footer, lines);
  }
}
