package io.tenantry.examples.pos.employee;

import io.tenantry.core.model.CompanyOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A person who works at one or more stores of the company. Table {@code pos_employee}. */
@Entity
@Table(name = "pos_employee")
public class Employee extends CompanyOwned {

  @Column(name = "name", nullable = false, length = 200)
  private String name;

  protected Employee() {}

  Employee(String name) {
    this.name = name;
  }

  public String getName() {
    return name;
  }
}
