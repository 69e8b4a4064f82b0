package io.tenantry.examples.pos.sale;

import io.tenantry.core.model.RegisterOwned;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A completed sale of one register. Table {@code pos_sale}. */
@Entity
@Table(name = "pos_sale")
public class Sale extends RegisterOwned {

  @Column(name = "client_sale_id", nullable = false, length = 64, updatable = false)
  private String clientSaleId;

  @Column(name = "customer_id", updatable = false)
  private UUID customerId;

  @Column(name = "subtotal", nullable = false, precision = 14, scale = 2, updatable = false)
  private BigDecimal subtotal;

  @Column(name = "tax", nullable = false, precision = 14, scale = 2, updatable = false)
  private BigDecimal tax;

  @Column(name = "total", nullable = false, precision = 14, scale = 2, updatable = false)
  private BigDecimal total;

  @Column(name = "business_date", nullable = false, updatable = false)
  private LocalDate businessDate;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @OneToMany(mappedBy = "sale", cascade = CascadeType.PERSIST)
  @OrderBy("lineNo")
  private List<SaleLine> lines = new ArrayList<>();

  protected Sale() {}

  Sale(String clientSaleId, UUID customerId, LocalDate businessDate, Instant createdAt) {
    this.clientSaleId = clientSaleId;
    this.customerId = customerId;
    this.businessDate = businessDate;
    this.createdAt = createdAt;
  }

  void addLine(UUID productId, int quantity, BigDecimal unitPrice) {
    lines.add(new SaleLine(this, lines.size() + 1, productId, quantity, unitPrice));
  }

  void total(BigDecimal subtotal, BigDecimal tax) {
    this.subtotal = subtotal;
    this.tax = tax;
    this.total = subtotal.add(tax);
  }

  String getClientSaleId() {
    return clientSaleId;
  }

  UUID getCustomerId() {
    return customerId;
  }

  BigDecimal getSubtotal() {
    return subtotal;
  }

  BigDecimal getTax() {
    return tax;
  }

  BigDecimal getTotal() {
    return total;
  }

  LocalDate getBusinessDate() {
    return businessDate;
  }

  Instant getCreatedAt() {
    return createdAt;
  }

  List<SaleLine> getLines() {
    return lines;
  }
}
