package io.tenantry.benchmarks.pos.scoped;

import io.tenantry.core.model.RegisterOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.math.BigDecimal;

/** One line of a sale: register-owned. */
@Entity
@Table(name = "pos_sale_line")
public class SaleLine extends RegisterOwned {

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "sale_id", nullable = false)
  private Sale sale;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "product_id", nullable = false)
  private Product product;

  @Column(name = "quantity", nullable = false)
  private int quantity;

  @Column(name = "unit_price", nullable = false)
  private BigDecimal unitPrice;

  @Column(name = "line_total", nullable = false)
  private BigDecimal lineTotal;

  protected SaleLine() {}

  public SaleLine(Sale sale, Product product, int quantity, BigDecimal unitPrice) {
    this.sale = sale;
    this.product = product;
    this.quantity = quantity;
    this.unitPrice = unitPrice;
    this.lineTotal = unitPrice.multiply(BigDecimal.valueOf(quantity));
  }

  public BigDecimal getLineTotal() {
    return lineTotal;
  }
}
