package io.tenantry.hibernate.rls.child;

import io.tenantry.core.model.CompanyOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** The element side of {@link Article}'s many-to-many. */
@Entity
@Table(name = "t_label")
public class Label extends CompanyOwned {

  @Column(name = "name", nullable = false, length = 100)
  private String name;

  protected Label() {}

  public Label(String name) {
    this.name = name;
  }
}
