package io.tenantry.hibernate.rls.child;

import io.tenantry.core.model.StoreOwned;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;

/** A store-level entity with an element collection: its child rows belong to the shelf's store. */
@Entity
@Table(name = "t_shelf")
public class Shelf extends StoreOwned {

  @Column(name = "name", nullable = false, length = 100)
  private String name;

  @ElementCollection
  @CollectionTable(name = "t_shelf_slot", joinColumns = @JoinColumn(name = "shelf_id"))
  @Column(name = "slot", length = 100)
  private List<String> slots = new ArrayList<>();

  protected Shelf() {}

  public Shelf(String name, List<String> slots) {
    this.name = name;
    this.slots.addAll(slots);
  }

  public List<String> getSlots() {
    return slots;
  }
}
