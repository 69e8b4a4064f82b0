package io.tenantry.examples.pos.report;

import io.tenantry.core.model.MemberRole;
import io.tenantry.core.model.Store;
import io.tenantry.examples.pos.web.ApiProblem;
import io.tenantry.examples.pos.web.Caller;
import io.tenantry.examples.pos.web.Money;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/reports/sales?from=&to=}: totals by business day (each store's own time zone),
 * both dates included, for owners and managers. Every visible store is listed, with zero when it
 * sold nothing.
 */
@RestController
@RequestMapping("/api/reports")
class ReportController {

  record StoreTotal(UUID storeId, String storeName, String total, long count) {}

  record SalesReport(LocalDate from, LocalDate to, String total, long count, List<StoreTotal> byStore) {}

  private static final LocalDate FIRST = LocalDate.of(1, 1, 1);
  private static final LocalDate LAST = LocalDate.of(9999, 12, 31);

  @PersistenceContext
  private EntityManager em;

  @GetMapping("/sales")
  @Transactional(readOnly = true)
  public SalesReport sales(@RequestParam LocalDate from, @RequestParam LocalDate to) {
    Caller.requireRole(MemberRole.OWNER, MemberRole.MANAGER);
    for (LocalDate date : List.of(from, to)) {
      if (date.isBefore(FIRST) || date.isAfter(LAST)) {
        // PostgreSQL's dates end at 4713 BC and 5874897 AD; a business day of a POS lies well inside
        throw ApiProblem.badRequest("'from' and 'to' must be dates from " + FIRST + " to " + LAST + ".");
      }
    }
    if (to.isBefore(from)) {
      throw ApiProblem.badRequest("'to' (" + to + ") is before 'from' (" + from + ").");
    }
    if (from.plusYears(5).isBefore(to)) {
      throw ApiProblem.badRequest("A report covers at most 5 years.");
    }
    Map<UUID, Object[]> sums = new HashMap<>();
    em.createQuery("select s.storeId, sum(s.total), count(s) from Sale s"
            + " where s.businessDate between :from and :to group by s.storeId", Object[].class)
        .setParameter("from", from)
        .setParameter("to", to)
        .getResultList()
        .forEach(row -> sums.put((UUID) row[0], row));
    List<Store> stores = em.createQuery("select s from Store s order by s.name", Store.class).getResultList();
    BigDecimal total = BigDecimal.ZERO;
    long count = 0;
    List<StoreTotal> byStore = new java.util.ArrayList<>();
    for (Store store : stores) {
      Object[] row = sums.get(store.getId());
      BigDecimal t = row == null ? BigDecimal.ZERO : (BigDecimal) row[1];
      long c = row == null ? 0 : (Long) row[2];
      byStore.add(new StoreTotal(store.getId(), store.getName(), Money.format(t), c));
      total = total.add(t);
      count += c;
    }
    return new SalesReport(from, to, Money.format(total), count, byStore);
  }
}
