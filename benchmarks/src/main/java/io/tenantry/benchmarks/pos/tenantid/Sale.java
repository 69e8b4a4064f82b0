package io.tenantry.benchmarks.pos.tenantid;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.UuidGenerator;
import org.hibernate.annotations.TenantId;

/** A sale at one register. */
@Entity
@Table(name = "pos_sale")
public class Sale {

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

  @Column(name = "sold_at", nullable = false)
  private Instant soldAt;

  @Column(name = "total", nullable = false)
  private BigDecimal total = BigDecimal.ZERO;

  @OneToMany(mappedBy = "sale", cascade = CascadeType.ALL)
  private List<SaleLine> lines = new ArrayList<>();

  protected Sale() {}

  public Sale(UUID companyId, UUID storeId, UUID registerId, Instant soldAt) {
    this.companyId = companyId;
    this.storeId = storeId;
    this.registerId = registerId;
    this.soldAt = soldAt;
  }

  public void add(SaleLine line) {
    lines.add(line);
    total = total.add(line.getLineTotal());
  }

  public List<SaleLine> getLines() {
    return lines;
  }

  public BigDecimal getTotal() {
    return total;
  }
}
