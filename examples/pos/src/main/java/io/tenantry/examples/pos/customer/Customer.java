package io.tenantry.examples.pos.customer;

import io.tenantry.core.model.CompanyOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A customer of the company. Table {@code pos_customer}. */
@Entity
@Table(name = "pos_customer")
public class Customer extends CompanyOwned {

  @Column(name = "name", nullable = false, length = 200)
  private String name;

  @Column(name = "phone", length = 40)
  private String phone;

  @Column(name = "loyalty_points", nullable = false)
  private long loyaltyPoints;

  protected Customer() {}

  Customer(String name, String phone) {
    this.name = name;
    this.phone = phone;
  }

  public String getName() {
    return name;
  }

  public String getPhone() {
    return phone;
  }

  public long getLoyaltyPoints() {
    return loyaltyPoints;
  }
}
