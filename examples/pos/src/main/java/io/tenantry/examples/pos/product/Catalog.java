package io.tenantry.examples.pos.product;

import io.tenantry.core.Tenancy;
import io.tenantry.core.model.Store;
import io.tenantry.examples.pos.store.StoreService;
import io.tenantry.examples.pos.web.ApiProblem;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The catalog as the caller sees it. Every query here is plain JPQL: Tenantry scopes products to
 * the bound company and store prices to the visible stores, and row-level security does the same
 * underneath. The effective price is the override of the caller's store (the selected store, or the
 * register's) when there is one, else the base price.
 */
@Service
public class Catalog {

  /** A product with the price that applies to the caller. */
  public record Priced(UUID id, String sku, String name, BigDecimal basePrice, BigDecimal price, long changeSeq) {}

  /** What changed for a store after a cursor, and the cursor to send next time. */
  public record Changes(long cursor, List<Priced> products) {}

  @PersistenceContext
  private EntityManager em;

  /** Creates the company's change counter; called once when a company is created. */
  @Transactional
  public void openClock() {
    em.persist(new CatalogClock());
  }

  @Transactional
  public Priced create(String sku, String name, BigDecimal basePrice) {
    boolean taken = !em.createQuery("select p.id from Product p where p.sku = :sku", UUID.class)
        .setParameter("sku", sku).setMaxResults(1).getResultList().isEmpty();
    if (taken) {
      throw ApiProblem.conflict("Your company already has a product with SKU '" + sku + "'.");
    }
    Product p = new Product(sku, name, basePrice, tick());
    em.persist(p);
    em.flush();
    return priced(p, null);
  }

  /** Renames a product and sets its base price; 404 when not in the caller's company. */
  @Transactional
  public Priced edit(UUID id, String name, BigDecimal basePrice) {
    Product p = Optional.ofNullable(em.find(Product.class, id)).orElseThrow(() -> ApiProblem.notFound("product"));
    p.edit(name, basePrice, tick());
    em.flush();
    return priced(p, null);
  }

  /** Every product, with the caller's effective price. */
  @Transactional(readOnly = true)
  public List<Priced> list() {
    return query("", Map.of());
  }

  /** One product, with the caller's effective price; 404 when not in the caller's company. */
  @Transactional(readOnly = true)
  public Priced get(UUID id) {
    List<Priced> found = query(" where p.id = :id", Map.of("id", id));
    if (found.isEmpty()) {
      throw ApiProblem.notFound("product");
    }
    return found.get(0);
  }

  /**
   * The caller's effective prices of the given products; an id that is not a product of the
   * caller's company is missing from the map.
   */
  @Transactional(readOnly = true)
  public Map<UUID, Priced> prices(Collection<UUID> ids) {
    Map<UUID, Priced> byId = new LinkedHashMap<>();
    // an array parameter, not "in :ids": Hibernate caches the translation of this query only then
    query(" where array_contains(:ids, p.id)", Map.of("ids", ids.toArray(new UUID[0]))).forEach(p -> byId.put(p.id(), p));
    return byId;
  }

  /**
   * What changed for the caller's store after {@code since} (everything when {@code since == 0}).
   * A delta is two queries, products changed and this store's prices changed, each walking an index on
   * {@code (company_id, [store_id,] change_seq)}: one query with {@code p.changeSeq > :since or
   * sp.changeSeq > :since} could use neither and read the company's whole catalog on every sync.
   */
  @Transactional(readOnly = true)
  public Changes changesSince(long since) {
    List<Priced> changed;
    if (since <= 0) {
      changed = query("", Map.of());
    } else {
      Map<UUID, Priced> byId = new LinkedHashMap<>();
      query(" where p.changeSeq > :since", Map.of("since", since)).forEach(p -> byId.put(p.id(), p));
      if (Tenancy.current().storeId().isPresent()) {
        query(" where sp.changeSeq > :since", Map.of("since", since)).forEach(p -> byId.putIfAbsent(p.id(), p));
      }
      changed = byId.values().stream().sorted(BY_NAME_AND_SKU).toList();
    }
    long cursor = changed.stream().mapToLong(Priced::changeSeq).max().orElse(since);
    return new Changes(Math.max(cursor, since), changed);
  }

  private static final Comparator<Priced> BY_NAME_AND_SKU = Comparator.comparing(Priced::name).thenComparing(Priced::sku);

  @Transactional
  public Priced setStorePrice(UUID storeId, UUID productId, BigDecimal price) {
    requireStore(storeId);
    Product product = Optional.ofNullable(em.find(Product.class, productId))
        .orElseThrow(() -> ApiProblem.notFound("product"));
    long seq = tick();
    Optional<StorePrice> existing = override(storeId, productId);
    if (existing.isPresent()) {
      existing.get().set(price, seq);
    } else {
      // complete before persist: a row is inserted with its final values, never inserted and then updated
      StorePrice created = new StorePrice(storeId, productId);
      created.set(price, seq);
      em.persist(created);
    }
    em.flush();
    return priced(product, price);
  }

  @Transactional
  void clearStorePrice(UUID storeId, UUID productId) {
    requireStore(storeId);
    if (em.find(Product.class, productId) == null) {
      throw ApiProblem.notFound("product");
    }
    override(storeId, productId).filter(o -> o.getPrice() != null).ifPresent(o -> o.set(null, tick()));
  }

  private void requireStore(UUID storeId) {
    // visible = of the caller's company and among its stores (or the selected one)
    if (em.find(Store.class, storeId) == null) {
      throw StoreService.storeNotVisible();
    }
  }

  private Optional<StorePrice> override(UUID storeId, UUID productId) {
    return em.createQuery("select sp from StorePrice sp where sp.storeId = :store and sp.productId = :product",
            StorePrice.class)
        .setParameter("store", storeId)
        .setParameter("product", productId)
        .getResultStream()
        .findFirst();
  }

  private List<Priced> query(String where, Map<String, Object> parameters) {
    Optional<UUID> store = Tenancy.current().storeId();
    String join = store.isPresent()
        ? " left join StorePrice sp on sp.productId = p.id and sp.storeId = :store"
        // no store selected: base prices; the join matches nothing but keeps one query shape
        : " left join StorePrice sp on sp.productId = p.id and 1 = 0";
    var q = em.createQuery("select p, sp.price, sp.changeSeq from Product p" + join + where
        + " order by p.name, p.sku", Object[].class);
    store.ifPresent(s -> q.setParameter("store", s));
    parameters.forEach(q::setParameter);
    return q.getResultList().stream().map(row -> {
      Product p = (Product) row[0];
      long seq = Math.max(p.getChangeSeq(), row[2] == null ? 0 : (Long) row[2]);
      BigDecimal override = (BigDecimal) row[1];
      return new Priced(p.getId(), p.getSku(), p.getName(), p.getBasePrice(),
          override != null ? override : p.getBasePrice(), seq);
    }).toList();
  }

  private Priced priced(Product p, BigDecimal override) {
    Optional<UUID> store = Tenancy.current().storeId();
    BigDecimal price = override != null ? override : p.getBasePrice();
    if (override == null && store.isPresent()) {
      price = override(store.get(), p.getId()).map(StorePrice::getPrice).orElse(p.getBasePrice());
      price = price == null ? p.getBasePrice() : price;
    }
    return new Priced(p.getId(), p.getSku(), p.getName(), p.getBasePrice(), price, p.getChangeSeq());
  }

  /** Locks the company's counter and takes its next value. */
  private long tick() {
    CatalogClock clock = em.createQuery("select c from CatalogClock c", CatalogClock.class)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultStream()
        .findFirst()
        .orElseGet(() -> {
          CatalogClock created = new CatalogClock();
          em.persist(created);
          return created;
        });
    return clock.next();
  }
}
