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
import org.hibernate.annotations.TenantId;

/** A store's price for a product. */
@Entity
@Table(name = "pos_price_override")
public class PriceOverride {

  @Id
  @Column(name = "id")
  private UUID id;

  @TenantId
  @Column(name = "company_id", nullable = false, updatable = false)
  private UUID companyId;

  @Column(name = "store_id", nullable = false, updatable = false)
  private UUID storeId;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "product_id", nullable = false)
  private Product product;

  @Column(name = "price", nullable = false)
  private BigDecimal price;

  protected PriceOverride() {}
}
