package io.tenantry.examples.pos.employee;

import io.tenantry.examples.pos.store.StoreService;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Employees and their store assignments. */
@Service
public class Employees {

  /** Whether an employee may work at the caller's store. */
  public enum Standing {
    /** Not an employee of the bound company (or no such id). */
    UNKNOWN,
    /** An employee of the company, not assigned to this store. */
    NOT_ASSIGNED,
    /** Assigned to this store. */
    ASSIGNED
  }

  @PersistenceContext
  private EntityManager em;

  private final StoreService stores;

  Employees(StoreService stores) {
    this.stores = stores;
  }

  @Transactional
  public Employee create(String name, List<UUID> storeIds) {
    stores.requireAll(storeIds);
    Employee employee = new Employee(name);
    em.persist(employee);
    em.flush();
    for (UUID store : storeIds) {
      em.persist(new Assignment(employee.getId(), store));
    }
    em.flush();
    return employee;
  }

  /** An employee with the ids of the visible stores it is assigned to. */
  public record Listed(UUID id, String name, List<UUID> storeIds) {}

  /**
   * The employees the caller works with, by name: those assigned to a visible store (the selected
   * one, a manager's granted ones); an owner with no store selected also sees unassigned employees.
   */
  @Transactional(readOnly = true)
  public List<Listed> list(boolean includeUnassigned) {
    // assignments are store rows: the bound tenant's scope (and the database's policies) narrow them
    java.util.Map<UUID, List<UUID>> stores = new java.util.HashMap<>();
    em.createQuery("select a.employeeId, a.storeId from Assignment a", Object[].class).getResultList()
        .forEach(r -> stores.computeIfAbsent((UUID) r[0], k -> new java.util.ArrayList<>()).add((UUID) r[1]));
    return em.createQuery("select e from Employee e order by e.name", Employee.class).getResultList().stream()
        .filter(e -> includeUnassigned || stores.containsKey(e.getId()))
        .map(e -> new Listed(e.getId(), e.getName(), stores.getOrDefault(e.getId(), List.of())))
        .toList();
  }

  /** The employee's standing at {@code storeId}, which must be the caller's visible store. */
  @Transactional(propagation = Propagation.MANDATORY)
  public Standing standing(UUID employeeId, UUID storeId) {
    if (em.find(Employee.class, employeeId) == null) {
      return Standing.UNKNOWN;
    }
    boolean assigned = !em.createQuery("select a.id from Assignment a where a.employeeId = :e and a.storeId = :s",
            UUID.class).setParameter("e", employeeId).setParameter("s", storeId).getResultList().isEmpty();
    return assigned ? Standing.ASSIGNED : Standing.NOT_ASSIGNED;
  }
}
