package io.tenantry.examples.pos.timeclock;

import io.tenantry.examples.pos.employee.Employees;
import io.tenantry.examples.pos.web.ApiProblem;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Clocking in and out at the caller's store. */
@Service
class TimeClock {

  @PersistenceContext
  private EntityManager em;

  private final Employees employees;

  TimeClock(Employees employees) {
    this.employees = employees;
  }

  @Transactional
  TimeEntry clockIn(UUID employeeId, UUID storeId) {
    switch (employees.standing(employeeId, storeId)) {
      case UNKNOWN -> throw ApiProblem.notFound("employee");
      case NOT_ASSIGNED -> throw ApiProblem.forbidden("This employee is not assigned to this store.");
      default -> { }
    }
    // the open shift may be at another store, which this caller cannot see: the unique index decides
    if (open(employeeId) != null) {
      throw ApiProblem.conflict("This employee is already clocked in here; clock out first.");
    }
    TimeEntry entry = new TimeEntry(employeeId, Instant.now().truncatedTo(ChronoUnit.MICROS));
    em.persist(entry);
    em.flush();
    return entry;
  }

  @Transactional
  TimeEntry clockOut(UUID employeeId, UUID storeId) {
    switch (employees.standing(employeeId, storeId)) {
      case UNKNOWN -> throw ApiProblem.notFound("employee");
      case NOT_ASSIGNED -> throw ApiProblem.forbidden("This employee is not assigned to this store.");
      default -> { }
    }
    TimeEntry entry = open(employeeId);
    if (entry == null) {
      throw ApiProblem.conflict("This employee is not clocked in at this store.");
    }
    entry.clockOut(Instant.now().truncatedTo(ChronoUnit.MICROS));
    return entry;
  }

  /**
   * The store's shifts of its business day (midnight in the store's time zone until now), and any
   * shift still open from before.
   */
  @Transactional(readOnly = true)
  List<TimeEntry> today(UUID storeId, ZoneId zone) {
    Instant midnight = LocalDate.now(zone).atStartOfDay(zone).toInstant();
    return em.createQuery("select t from TimeEntry t where t.storeId = :s"
            + " and (t.clockedInAt >= :midnight or t.clockedOutAt is null) order by t.clockedInAt", TimeEntry.class)
        .setParameter("s", storeId).setParameter("midnight", midnight).getResultList();
  }

  private TimeEntry open(UUID employeeId) {
    return em.createQuery("select t from TimeEntry t where t.employeeId = :e and t.clockedOutAt is null", TimeEntry.class)
        .setParameter("e", employeeId).getResultStream().findFirst().orElse(null);
  }
}
