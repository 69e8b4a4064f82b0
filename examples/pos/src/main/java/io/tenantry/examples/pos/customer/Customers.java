package io.tenantry.examples.pos.customer;

import io.tenantry.examples.pos.web.ApiProblem;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Customers of the bound company and their loyalty points. */
@Service
public class Customers {

  @PersistenceContext
  private EntityManager em;

  @Transactional
  public Customer create(String name, String phone) {
    Customer c = new Customer(name, phone);
    em.persist(c);
    em.flush();
    return c;
  }

  @Transactional(readOnly = true)
  Customer get(UUID id) {
    Customer c = em.find(Customer.class, id);
    if (c == null) {
      throw ApiProblem.notFound("customer");
    }
    return c;
  }

  /** Customers whose name or phone contains {@code text} (case-insensitive), by name, at most 50. */
  @Transactional(readOnly = true)
  List<Customer> search(String text) {
    String like = "%" + text.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
        .replace("_", "\\_") + "%";
    return em.createQuery("select c from Customer c where lower(c.name) like :q escape '\\'"
            + " or lower(coalesce(c.phone, '')) like :q escape '\\' order by c.name", Customer.class)
        .setParameter("q", like).setMaxResults(50).getResultList();
  }

  /** Requires a customer of the bound company (404 otherwise). */
  @Transactional(propagation = Propagation.MANDATORY)
  public void require(UUID id) {
    if (em.find(Customer.class, id) == null) {
      throw ApiProblem.notFound("customer");
    }
  }

  /**
   * Adds points in one atomic update (two registers selling to the same customer at once both count);
   * the update is scoped to the bound company like any other query.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void addPoints(UUID id, long points) {
    int updated = em.createQuery("update Customer c set c.loyaltyPoints = c.loyaltyPoints + :points where c.id = :id")
        .setParameter("points", points)
        .setParameter("id", id)
        .executeUpdate();
    if (updated != 1) {
      throw ApiProblem.notFound("customer");
    }
  }
}
