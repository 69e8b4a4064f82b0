package io.tenantry.examples.pos.timeclock;

import io.tenantry.examples.pos.web.Caller;
import io.tenantry.examples.pos.web.Input;
import java.time.Instant;
import io.tenantry.examples.pos.store.StoreService;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/time-clock}: a register, or a member with a store selected ({@code X-Store-Id}). */
@RestController
@RequestMapping("/api/time-clock")
class TimeClockController {

  record Punch(UUID employeeId) {}

  record EntryView(UUID id, UUID employeeId, UUID storeId, Instant clockedInAt, Instant clockedOutAt) {
    static EntryView of(TimeEntry t) {
      return new EntryView(t.getId(), t.getEmployeeId(), t.getStoreId(), t.getClockedInAt(), t.getClockedOutAt());
    }
  }

  private final TimeClock clock;
  private final StoreService stores;

  TimeClockController(TimeClock clock, StoreService stores) {
    this.clock = clock;
    this.stores = stores;
  }

  /** The selected store's shifts today, in the store's time zone (open shifts from before included). */
  @GetMapping("/today")
  List<EntryView> today() {
    UUID store = Caller.requireStore();
    return clock.today(store, stores.require(store).getTimezone()).stream().map(EntryView::of).toList();
  }

  @PostMapping("/clock-in")
  @ResponseStatus(HttpStatus.CREATED)
  EntryView clockIn(@RequestBody Punch body) {
    UUID store = Caller.requireStore();
    return EntryView.of(clock.clockIn(Input.required(body.employeeId(), "employeeId"), store));
  }

  @PostMapping("/clock-out")
  EntryView clockOut(@RequestBody Punch body) {
    UUID store = Caller.requireStore();
    return EntryView.of(clock.clockOut(Input.required(body.employeeId(), "employeeId"), store));
  }
}
