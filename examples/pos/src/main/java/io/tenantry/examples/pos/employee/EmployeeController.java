package io.tenantry.examples.pos.employee;

import io.tenantry.core.model.MemberRole;
import io.tenantry.examples.pos.web.Caller;
import io.tenantry.examples.pos.web.Input;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/employees}: an owner, or a manager for stores it is granted. Every store id must be a
 * store the caller sees; any other (another company's included) answers 404 and nothing is written.
 */
@RestController
@RequestMapping("/api/employees")
class EmployeeController {

  record NewEmployee(String name, List<UUID> storeIds) {}

  record EmployeeView(UUID id, String name, List<UUID> storeIds) {}

  private final Employees employees;

  EmployeeController(Employees employees) {
    this.employees = employees;
  }

  /**
   * The employees of the caller's stores (an owner with no store selected: every employee), with
   * the visible stores each is assigned to; for the time clock's picker and the employees screen.
   */
  @GetMapping
  List<EmployeeView> list() {
    boolean everyone = Caller.role().filter(r -> r == MemberRole.OWNER).isPresent()
        && io.tenantry.core.Tenancy.current().storeId().isEmpty();
    return employees.list(everyone).stream().map(e -> new EmployeeView(e.id(), e.name(), e.storeIds())).toList();
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  EmployeeView create(@RequestBody NewEmployee body) {
    Caller.requireRole(MemberRole.OWNER, MemberRole.MANAGER);
    String name = Input.text(body.name(), "name", 200);
    List<UUID> stores = Input.ids(body.storeIds(), "storeIds", 100);
    Employee e = employees.create(name, stores);
    return new EmployeeView(e.getId(), e.getName(), stores);
  }
}
