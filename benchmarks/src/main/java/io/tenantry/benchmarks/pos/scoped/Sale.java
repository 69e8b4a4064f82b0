package io.tenantry.benchmarks.pos.scoped;

import io.tenantry.core.model.RegisterOwned;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A sale at one register: register-owned; company, store and register are stamped by Tenantry. */
@Entity
@Table(name = "pos_sale")
public class Sale extends RegisterOwned {

  @Column(name = "sold_at", nullable = false)
  private Instant soldAt;

  @Column(name = "total", nullable = false)
  private BigDecimal total = BigDecimal.ZERO;

  @OneToMany(mappedBy = "sale", cascade = CascadeType.ALL)
  private List<SaleLine> lines = new ArrayList<>();

  protected Sale() {}

  public Sale(Instant soldAt) {
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
