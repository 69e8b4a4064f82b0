package io.tenantry.benchmarks.pos.scoped;

import io.tenantry.core.model.CompanyOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.math.BigDecimal;

/** A company's product: company-owned, scoped by Tenantry. */
@Entity
@Table(name = "pos_product")
public class Product extends CompanyOwned {

  @Column(name = "sku", nullable = false)
  private String sku;

  @Column(name = "name", nullable = false)
  private String name;

  @Column(name = "base_price", nullable = false)
  private BigDecimal basePrice;

  protected Product() {}
}
