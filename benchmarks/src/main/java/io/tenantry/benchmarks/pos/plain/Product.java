package io.tenantry.benchmarks.pos.plain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.util.UUID;

/** A company's product. */
@Entity
@Table(name = "pos_product")
public class Product {

  @Id
  @Column(name = "id")
  private UUID id;

  @Column(name = "company_id", nullable = false, updatable = false)
  private UUID companyId;

  @Column(name = "sku", nullable = false)
  private String sku;

  @Column(name = "name", nullable = false)
  private String name;

  @Column(name = "base_price", nullable = false)
  private BigDecimal basePrice;

  protected Product() {}

  public UUID getId() {
    return id;
  }
}
