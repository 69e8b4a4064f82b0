package io.tenantry.spring.it.app;

import io.tenantry.core.model.StoreOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.math.BigDecimal;

/** A product with a store price: the application's one tenant entity. */
@Entity
@Table(name = "demo_product")
public class Product extends StoreOwned {

  @Column(name = "name", nullable = false)
  private String name;

  @Column(name = "price", nullable = false, precision = 12, scale = 2)
  private BigDecimal price;

  protected Product() {}

  public Product(String name, BigDecimal price) {
    this.name = name;
    this.price = price;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public BigDecimal getPrice() {
    return price;
  }

  public void setPrice(BigDecimal price) {
    this.price = price;
  }
}
