package io.tenantry.examples.pos.store;

import io.tenantry.core.model.Register;
import io.tenantry.core.model.Store;
import io.tenantry.examples.pos.web.ApiProblem;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import io.tenantry.spring.registerkey.RegisterKey;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Stores and registers of the bound company, as far as the caller may see them. */
@Service
public class StoreService {

  @PersistenceContext
  private EntityManager em;

  /** Creates a store of the bound company. */
  @Transactional
  public Store create(String name, ZoneId zone) {
    boolean taken = !em.createQuery("select s.id from Store s where lower(s.name) = lower(:name)", UUID.class)
        .setParameter("name", name).getResultList().isEmpty();
    if (taken) {
      throw ApiProblem.conflict("Your company already has a store named '" + name + "'.");
    }
    Store store = new Store(name, zone);
    em.persist(store);
    em.flush();
    return store;
  }

  /** The stores the caller sees, by name. */
  @Transactional(readOnly = true)
  public List<Store> visible() {
    return em.createQuery("select s from Store s order by s.name", Store.class).getResultList();
  }

  /**
   * The answer for a store the caller may not use — another company's, one outside a manager's grants,
   * or one that does not exist: 403 with one detail, wherever the id was named (a path, a body, or
   * {@code X-Store-Id}, which the starter answers the same way), so that none of the three can be told
   * from the others (issue 22, item 4).
   */
  public static ApiProblem storeNotVisible() {
    return ApiProblem.forbidden(STORE_NOT_VISIBLE);
  }

  static final String STORE_NOT_VISIBLE = "The store is not among the stores you may see.";

  /** A visible store; 403 otherwise ({@link #storeNotVisible()}). */
  @Transactional(readOnly = true)
  public Store require(UUID id) {
    Store store = em.find(Store.class, id);
    if (store == null) {
      throw storeNotVisible();
    }
    return store;
  }

  /** Requires every id to be a visible store (403 naming none of them otherwise, {@link #storeNotVisible()}). */
  @Transactional(readOnly = true)
  public void requireAll(Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return;
    }
    Long found = em.createQuery("select count(s) from Store s where s.id in :ids", Long.class)
        .setParameter("ids", ids).getSingleResult();
    if (found != ids.size()) {
      throw storeNotVisible();
    }
  }

  @Transactional
  public Register createRegister(UUID storeId, String name) {
    require(storeId);
    boolean taken = !em.createQuery("select r.id from Register r where r.storeId = :store and lower(r.name) = lower(:name)",
            UUID.class).setParameter("store", storeId).setParameter("name", name).getResultList().isEmpty();
    if (taken) {
      throw ApiProblem.conflict("This store already has a register named '" + name + "'.");
    }
    Register register = new Register(name, storeId);
    em.persist(register);
    em.flush();
    return register;
  }

  /** A register with the keys issued to it (newest first). */
  public record Listed(Register register, List<RegisterKey> keys) {}

  /** The registers of a visible store (404 otherwise), by name, with their keys. */
  @Transactional(readOnly = true)
  public List<Listed> registers(UUID storeId) {
    require(storeId);
    List<Register> registers = em.createQuery("select r from Register r where r.storeId = :store order by r.name",
        Register.class).setParameter("store", storeId).getResultList();
    java.util.Map<UUID, List<RegisterKey>> keys = new java.util.HashMap<>();
    em.createQuery("select k from RegisterKey k where k.storeId = :store order by k.createdAt desc", RegisterKey.class)
        .setParameter("store", storeId).getResultList()
        .forEach(k -> keys.computeIfAbsent(k.getRegisterId(), r -> new java.util.ArrayList<>()).add(k));
    return registers.stream().map(r -> new Listed(r, keys.getOrDefault(r.getId(), List.of()))).toList();
  }

  /** A visible register of a visible store; 404 otherwise. */
  @Transactional(readOnly = true)
  public Register requireRegister(UUID storeId, UUID registerId) {
    require(storeId);
    Register register = em.find(Register.class, registerId);
    if (register == null || !register.getStoreId().equals(storeId)) {
      throw ApiProblem.notFound("register");
    }
    return register;
  }

  /** A visible key of a register of a visible store; 404 otherwise. */
  @Transactional(readOnly = true)
  public RegisterKey requireKey(UUID storeId, UUID keyId) {
    require(storeId);
    RegisterKey key = em.find(RegisterKey.class, keyId);
    if (key == null || !key.getStoreId().equals(storeId)) {
      throw ApiProblem.notFound("register key");
    }
    return key;
  }
}
