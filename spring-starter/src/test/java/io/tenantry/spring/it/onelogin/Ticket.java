package io.tenantry.spring.it.onelogin;

import io.tenantry.core.model.StoreOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

@Entity
@Table(name = "ol_ticket")
public class Ticket extends StoreOwned {

  @Column(name = "note", nullable = false)
  private String note;

  protected Ticket() {}

  public Ticket(String note) {
    this.note = note;
  }

  public String getNote() {
    return note;
  }
}
