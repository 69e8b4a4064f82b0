package io.tenantry.benchmarks.pos.tenantid;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.util.UUID;
import org.hibernate.annotations.UuidGenerator;
import org.hibernate.annotations.TenantId;

/** One line of a sale. */
@Entity
@Table(name = "pos_sale_line")
public class SaleLine {

  @Id
  @UuidGenerator(style = UuidGenerator.Style.VERSION_7)
  @Column(name = "id")
  private UUID id;

  @TenantId
  @Column(name = "company_id", nullable = false, updatable = false)
  private UUID companyId;

  @Column(name = "store_id", nullable = false, updatable = false)
  private UUID storeId;

  @Column(name = "register_id", nullable = false, updatable = false)
  private UUID registerId;

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

  /** Copies company, store and register from the sale (what hand-written code does). */
  public void ownedLike(UUID companyId, UUID storeId, UUID registerId) {
    this.companyId = companyId;
    this.storeId = storeId;
    this.registerId = registerId;
  }

  public BigDecimal getLineTotal() {
    return lineTotal;
  }
}
