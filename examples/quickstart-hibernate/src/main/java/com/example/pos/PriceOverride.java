package com.example.pos;

import static jakarta.persistence.FetchType.LAZY;

import io.tenantry.core.model.StoreOwned;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.math.BigDecimal;

@Entity @Table(name = "price_override")
public class PriceOverride extends StoreOwned {      // or CompanyOwned, RegisterOwned
  @ManyToOne(fetch = LAZY) @JoinColumn(name = "product_id") Product product;
  BigDecimal price;
  protected PriceOverride() {}
  public PriceOverride(Product product, BigDecimal price) { this.product = product; this.price = price; }
  public BigDecimal getPrice() { return price; }
}
