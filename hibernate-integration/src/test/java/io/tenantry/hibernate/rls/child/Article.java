package io.tenantry.hibernate.rls.child;

import io.tenantry.core.model.CompanyOwned;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.PrimaryKeyJoinColumn;
import jakarta.persistence.SecondaryTable;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.Set;

/** A company-level entity with every kind of child table: element collection, join table, secondary table. */
@Entity
@Table(name = "t_article")
@SecondaryTable(name = "t_article_cost", pkJoinColumns = @PrimaryKeyJoinColumn(name = "article_id"))
public class Article extends CompanyOwned {

  @Column(name = "title", nullable = false, length = 200)
  private String title;

  @Column(name = "supplier_cost", table = "t_article_cost", precision = 12, scale = 2)
  private BigDecimal supplierCost;

  @ElementCollection
  @CollectionTable(name = "t_article_tag", joinColumns = @JoinColumn(name = "article_id"))
  @Column(name = "tag", nullable = false, length = 100)
  private Set<String> tags = new LinkedHashSet<>();

  @ManyToMany
  @JoinTable(name = "t_article_label", joinColumns = @JoinColumn(name = "article_id"),
      inverseJoinColumns = @JoinColumn(name = "label_id"))
  private Set<Label> labels = new LinkedHashSet<>();

  protected Article() {}

  public Article(String title, BigDecimal supplierCost, Set<String> tags) {
    this.title = title;
    this.supplierCost = supplierCost;
    this.tags.addAll(tags);
  }

  public Set<String> getTags() {
    return tags;
  }

  public Set<Label> getLabels() {
    return labels;
  }

  public BigDecimal getSupplierCost() {
    return supplierCost;
  }
}
