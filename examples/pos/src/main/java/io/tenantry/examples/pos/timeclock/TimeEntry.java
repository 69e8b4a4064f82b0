package io.tenantry.examples.pos.timeclock;

import io.tenantry.core.model.StoreOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One shift of one employee at one store. Table {@code pos_time_entry}. */
@Entity
@Table(name = "pos_time_entry")
public class TimeEntry extends StoreOwned {

  @Column(name = "employee_id", nullable = false, updatable = false)
  private UUID employeeId;

  @Column(name = "clocked_in_at", nullable = false, updatable = false)
  private Instant clockedInAt;

  @Column(name = "clocked_out_at")
  private Instant clockedOutAt;

  protected TimeEntry() {}

  TimeEntry(UUID employeeId, Instant at) {
    this.employeeId = employeeId;
    this.clockedInAt = at;
  }

  UUID getEmployeeId() {
    return employeeId;
  }

  Instant getClockedInAt() {
    return clockedInAt;
  }

  Instant getClockedOutAt() {
    return clockedOutAt;
  }

  void clockOut(Instant at) {
    clockedOutAt = at;
  }
}
