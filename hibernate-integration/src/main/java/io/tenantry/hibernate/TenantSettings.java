package io.tenantry.hibernate;

import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import io.tenantry.core.TenantScopeRequiredException;
import io.tenantry.core.TenantScopeRequiredException.Scope;
import io.tenantry.core.model.TenantSetting;
import io.tenantry.core.model.internal.ScopeValues;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Hierarchical settings: a value defined for the company, overridden per store, overridden per
 * register. Resolution uses the bound tenant and reads every candidate in one query; the most
 * specific value wins (register, then store, then company).
 *
 * <pre>{@code
 * TenantSettings.define(em, Level.COMPANY, "tax.rate", "0.07");          // owner, no store selected
 * TenantSettings.define(em, Level.STORE, "tax.rate", "0.08");            // with a store selected
 * String footer = TenantSettings.resolve(em, "receipt.footer").orElse("Thank you!");
 * }</pre>
 */
public final class TenantSettings {

  /** Where a value is defined. */
  public enum Level {
    /** For every store and register of the company. */
    COMPANY,
    /** For the selected store and its registers. */
    STORE,
    /** For the bound register only. */
    REGISTER
  }

  private TenantSettings() {}

  /** The most specific value of {@code key} for the bound tenant, if any is defined. */
  public static Optional<String> resolve(EntityManager em, String key) {
    return Optional.ofNullable(resolveAll(em, List.of(key)).get(key));
  }

  /**
   * The most specific value of each key for the bound tenant, in one query; keys without a value are
   * absent from the map.
   */
  public static Map<String, String> resolveAll(EntityManager em, Collection<String> keys) {
    TenantContext ctx = Tenancy.current();
    keys.forEach(TenantSetting::requireKey);
    List<TenantSetting> candidates = em.createQuery(
            // an array parameter rather than "in :keys": Hibernate does not cache the translation of a
            // query with a multi-valued parameter, and this query runs on most requests
            "select s from TenantSetting s where array_contains(:keys, s.key)"
                + " and (s.storeId is null or s.storeId = :store)"
                + " and (s.registerId is null or s.registerId = :register)", TenantSetting.class)
        .setParameter("keys", keys.toArray(new String[0]))
        .setParameter("store", ctx.storeId().orElse(ScopeValues.NOTHING))
        .setParameter("register", ctx.registerId().orElse(ScopeValues.NOTHING))
        .getResultList();
    Map<String, TenantSetting> best = new HashMap<>();
    for (TenantSetting s : candidates) {
      best.merge(s.getKey(), s, (a, b) -> specificity(a) >= specificity(b) ? a : b);
    }
    Map<String, String> values = new HashMap<>();
    best.forEach((k, s) -> values.put(k, s.getValue()));
    return values;
  }

  /** Defines (or replaces) the value of {@code key} at {@code level} for the bound tenant. */
  public static void define(EntityManager em, Level level, String key, String value) {
    TenantContext ctx = Tenancy.current();
    UUID store = storeFor(ctx, level);
    UUID register = level == Level.REGISTER ? ctx.registerId().orElseThrow(() -> new TenantScopeRequiredException(
        Scope.REGISTER, "A register-level setting needs a bound register: TenantContext.ofRegister(company, store,"
            + " register)")) : null;
    Optional<TenantSetting> existing = find(em, store, register, TenantSetting.requireKey(key));
    if (existing.isPresent()) {
      existing.get().setValue(value);
    } else {
      em.persist(new TenantSetting(store, register, key, value));
    }
  }

  /** Removes the value of {@code key} at {@code level}; returns whether one existed. */
  public static boolean remove(EntityManager em, Level level, String key) {
    TenantContext ctx = Tenancy.current();
    UUID register = level == Level.REGISTER ? ctx.registerId().orElse(ScopeValues.NOTHING) : null;
    Optional<TenantSetting> existing = find(em, storeFor(ctx, level), register, TenantSetting.requireKey(key));
    existing.ifPresent(em::remove);
    return existing.isPresent();
  }

  private static UUID storeFor(TenantContext ctx, Level level) {
    if (level == Level.COMPANY) {
      return null;
    }
    return ctx.storeId().orElseThrow(() -> new TenantScopeRequiredException(Scope.STORE,
        "A " + level.name().toLowerCase(java.util.Locale.ROOT) + "-level setting needs a selected store: "
            + "bind TenantContext.ofStore(company, store) or use withStore(store)"));
  }

  private static Optional<TenantSetting> find(EntityManager em, UUID store, UUID register, String key) {
    return em.createQuery("select s from TenantSetting s where s.key = :key"
                + " and s.storeId is not distinct from :store and s.registerId is not distinct from :register",
            TenantSetting.class)
        .setParameter("key", key)
        .setParameter("store", store)
        .setParameter("register", register)
        .getResultStream()
        .findFirst();
  }

  private static int specificity(TenantSetting s) {
    return s.getRegisterId() != null ? 2 : s.getStoreId() != null ? 1 : 0;
  }
}
