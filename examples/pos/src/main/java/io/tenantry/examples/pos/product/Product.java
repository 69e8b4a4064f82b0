package io.tenantry.examples.pos.product;

import io.tenantry.core.model.CompanyOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.math.BigDecimal;

/** An item of the company catalog with its base price. Table {@code pos_product}. */
@Entity
@Table(name = "pos_product")
public class Product extends CompanyOwned {

  @Column(name = "sku", nullable = false, length = 64, updatable = false)
  private String sku;

  @Column(name = "name", nullable = false, length = 200)
  private String name;

  @Column(name = "base_price", nullable = false, precision = 12, scale = 2)
  private BigDecimal basePrice;

  @Column(name = "change_seq", nullable = false)
  private long changeSeq;

  protected Product() {}

  Product(String sku, String name, BigDecimal basePrice, long changeSeq) {
    this.sku = sku;
    this.name = name;
    this.basePrice = basePrice;
    this.changeSeq = changeSeq;
  }

  public String getSku() {
    return sku;
  }

  public String getName() {
    return name;
  }

  public BigDecimal getBasePrice() {
    return basePrice;
  }

  void edit(String name, BigDecimal basePrice, long changeSeq) {
    this.name = name;
    this.basePrice = basePrice;
    this.changeSeq = changeSeq; // registers pick the change up in their next catalog sync
  }

  long getChangeSeq() {
    return changeSeq;
  }
}
