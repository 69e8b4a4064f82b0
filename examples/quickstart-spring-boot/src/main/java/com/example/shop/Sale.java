package com.example.shop;

import io.tenantry.core.model.StoreOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.math.BigDecimal;

@Entity
@Table(name = "sale")
public class Sale extends StoreOwned {
  @Column(name = "total", nullable = false)
  private BigDecimal total;
  protected Sale() {}
  public Sale(BigDecimal total) { this.total = total; }
  public BigDecimal getTotal() { return total; }
}
