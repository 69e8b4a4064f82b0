package io.tenantry.examples.pos.employee;

import io.tenantry.core.model.StoreOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.UUID;

/** An employee's assignment to one store. Table {@code pos_employee_store}. */
@Entity
@Table(name = "pos_employee_store")
public class Assignment extends StoreOwned {

  @Column(name = "employee_id", nullable = false, updatable = false)
  private UUID employeeId;

  protected Assignment() {}

  Assignment(UUID employeeId, UUID storeId) {
    this.employeeId = employeeId;
    assignStore(storeId);
  }

  UUID getEmployeeId() {
    return employeeId;
  }
}
