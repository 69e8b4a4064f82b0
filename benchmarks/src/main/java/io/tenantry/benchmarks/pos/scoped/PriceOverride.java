package io.tenantry.benchmarks.pos.scoped;

import io.tenantry.core.model.StoreOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.math.BigDecimal;

/** A store's price for a product: store-owned. */
@Entity
@Table(name = "pos_price_override")
public class PriceOverride extends StoreOwned {

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "product_id", nullable = false)
  private Product product;

  @Column(name = "price", nullable = false)
  private BigDecimal price;

  protected PriceOverride() {}
}
