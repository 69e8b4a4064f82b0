package com.example.pos;

import io.tenantry.core.model.CompanyOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.math.BigDecimal;

@Entity @Table(name = "product")
public class Product extends CompanyOwned {
  @Column(name = "name", nullable = false) String name;
  @Column(name = "base_price", nullable = false) BigDecimal basePrice;
  protected Product() {}
  public Product(String name, BigDecimal basePrice) { this.name = name; this.basePrice = basePrice; }
  public String getName() { return name; }
}
