package com.example.shop;

import io.tenantry.core.model.StoreOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.math.BigDecimal;

/** An application entity: owned by a store, so Tenantry scopes every read and stamps every write. */
@Entity
@Table(name = "shop_sale")
public class Sale extends StoreOwned {

  @Column(name = "total", nullable = false, precision = 12, scale = 2)
  private BigDecimal total;

  protected Sale() {}

  public Sale(BigDecimal total) {
    this.total = total;
  }

  public BigDecimal getTotal() {
    return total;
  }
}
