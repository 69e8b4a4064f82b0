package io.tenantry.examples.pos.product;

import io.tenantry.core.model.CompanyOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * The company's catalog change counter ({@code pos_catalog_clock}, one row per company). Every
 * catalog write locks it and takes the next value, so writes of one company commit in counter order
 * and a sync cursor never skips a change. Per company on purpose: a global sequence would let one
 * company watch the pace of another's changes.
 */
@Entity
@Table(name = "pos_catalog_clock")
public class CatalogClock extends CompanyOwned {

  @Column(name = "value", nullable = false)
  private long value;

  protected CatalogClock() {}

  long next() {
    return ++value;
  }
}
