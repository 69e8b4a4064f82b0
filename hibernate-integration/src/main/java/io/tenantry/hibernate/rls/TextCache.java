package io.tenantry.hibernate.rls;

import java.util.concurrent.ConcurrentHashMap;

/**
 * What the wrappers derive from a statement's text, kept per text. An application sends few distinct
 * texts again and again (Hibernate's are built once per query); texts that embed values (a different
 * string each time) fill the map, which is then emptied and refilled: a bound, not an eviction policy.
 */
final class TextCache<V> {

  private static final int LIMIT = 2048;
  private final ConcurrentHashMap<String, V> values = new ConcurrentHashMap<>();

  /** The value for {@code sql}, derived once (a derivation that throws keeps nothing). */
  <E extends Exception> V get(String sql, Derivation<V, E> derive) throws E {
    V known = values.get(sql);
    if (known != null) {
      return known;
    }
    V value = derive.apply(sql);
    if (values.size() >= LIMIT) {
      values.clear();
    }
    values.put(sql, value);
    return value;
  }

  /** How many texts are kept now. */
  int size() {
    return values.size();
  }

  /** Derives the value of one text. */
  @FunctionalInterface
  interface Derivation<V, E extends Exception> {
    V apply(String sql) throws E;
  }
}
