package io.tenantry.examples.pos.sale;

import io.tenantry.core.model.RegisterOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.util.UUID;

/** One line of a sale, priced when sold. Table {@code pos_sale_line}. */
@Entity
@Table(name = "pos_sale_line")
public class SaleLine extends RegisterOwned {

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "sale_id", nullable = false, updatable = false)
  private Sale sale;

  @Column(name = "line_no", nullable = false, updatable = false)
  private int lineNo;

  @Column(name = "product_id", nullable = false, updatable = false)
  private UUID productId;

  @Column(name = "quantity", nullable = false, updatable = false)
  private int quantity;

  @Column(name = "unit_price", nullable = false, precision = 12, scale = 2, updatable = false)
  private BigDecimal unitPrice;

  @Column(name = "line_total", nullable = false, precision = 14, scale = 2, updatable = false)
  private BigDecimal lineTotal;

  protected SaleLine() {}

  SaleLine(Sale sale, int lineNo, UUID productId, int quantity, BigDecimal unitPrice) {
    this.sale = sale;
    this.lineNo = lineNo;
    this.productId = productId;
    this.quantity = quantity;
    this.unitPrice = unitPrice;
    this.lineTotal = unitPrice.multiply(BigDecimal.valueOf(quantity));
  }

  UUID getProductId() {
    return productId;
  }

  int getQuantity() {
    return quantity;
  }

  BigDecimal getUnitPrice() {
    return unitPrice;
  }

  BigDecimal getLineTotal() {
    return lineTotal;
  }
}
