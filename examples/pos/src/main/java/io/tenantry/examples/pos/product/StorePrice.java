package io.tenantry.examples.pos.product;

import io.tenantry.core.model.StoreOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * One store's price for a product. {@code price == null} means the override was removed; the row
 * stays so that the store's registers see the change at their next sync. Table {@code pos_store_price}.
 */
@Entity
@Table(name = "pos_store_price")
public class StorePrice extends StoreOwned {

  @Column(name = "product_id", nullable = false, updatable = false)
  private UUID productId;

  @Column(name = "price", precision = 12, scale = 2)
  private BigDecimal price;

  @Column(name = "change_seq", nullable = false)
  private long changeSeq;

  protected StorePrice() {}

  StorePrice(UUID storeId, UUID productId) {
    assignStore(storeId);
    this.productId = productId;
  }

  UUID getProductId() {
    return productId;
  }

  BigDecimal getPrice() {
    return price;
  }

  void set(BigDecimal price, long changeSeq) {
    this.price = price;
    this.changeSeq = changeSeq;
  }
}
