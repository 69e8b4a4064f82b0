package io.tenantry.spring.registerkey;

import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The directory's answers for keys that authenticated: a key's hash → its id and company, so that a register's
 * requests skip the system-access read of {@code tenantry_register_key_lookup} and read only the key row, as the
 * company (issue 20: the push of 10,000 sales paid two transactions per request for its key, one of them on the
 * system login's pool).
 *
 * <p>Why an entry cannot widen access: it only says where to look. {@link RegisterKeyLookup} still reads the key row
 * as the entry's company on every request and compares its hash with the presented key's, and the caller refuses a
 * revoked key; so a revocation is effective on the next request, a deleted key row (register or company deleted)
 * authenticates nothing, and an entry pointing at another company's key finds a row with another hash, or none.
 *
 * <ul>
 *   <li><b>Only confirmed keys.</b> An entry is added after the key row, read as the company, held the presented
 *       key's hash and was not revoked. Unknown keys, forged directory entries and revoked keys are never added, so
 *       a flood of made-up keys adds nothing here.</li>
 *   <li><b>Dropped when the key row disagrees</b> (gone, another hash, revoked): the next request asks the directory
 *       again.</li>
 *   <li><b>Bounded:</b> at most {@code maxEntries} entries (default {@link #MAX_ENTRIES}), each kept {@code ttl}
 *       (default {@link #TTL}) after it was confirmed. When full, expired entries are dropped, then a tenth of the
 *       rest. Either bound at 0 turns the cache off: every request asks the directory.</li>
 * </ul>
 */
final class KeyDirectoryCache {

  /** The most keys kept, by default ({@code tenantry.register-keys.directory-cache.max-keys}). */
  static final int MAX_ENTRIES = 10_000;

  /**
   * How long an entry is used after the directory gave it, by default; then the directory is read again
   * ({@code tenantry.register-keys.directory-cache.ttl}).
   */
  static final Duration TTL = Duration.ofMinutes(10);

  /** The longest {@code ttl}: past a day an entry saves one directory read a day, and the clock arithmetic holds. */
  static final Duration MAX_TTL = Duration.ofDays(1);

  /** Where a key's row is: its id and company. */
  record Location(UUID keyId, UUID companyId) {}

  private record Entry(Location location, long expiresAt) {}

  /** A SHA-256 digest as a map key (compared by content). */
  private record Hash(byte[] bytes) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Hash h && Arrays.equals(bytes, h.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "Hash";
    }
  }

  private final Map<Hash, Entry> entries = new ConcurrentHashMap<>();
  private final int maxEntries;
  private final long ttlNanos;
  private final LongSupplier nanoTime;

  KeyDirectoryCache() {
    this(MAX_ENTRIES, TTL, System::nanoTime);
  }

  KeyDirectoryCache(int maxEntries, Duration ttl, LongSupplier nanoTime) {
    if (maxEntries < 0) {
      throw new IllegalArgumentException("The register-key directory cache's maximum number of keys must be 0 (off)"
          + " or more, not " + maxEntries);
    }
    if (ttl == null || ttl.isNegative() || ttl.compareTo(MAX_TTL) > 0) {
      throw new IllegalArgumentException("The register-key directory cache's time to live must be from 0 (off) to "
          + MAX_TTL + ", not " + ttl);
    }
    this.maxEntries = maxEntries;
    this.ttlNanos = ttl.toNanos();
    this.nanoTime = nanoTime;
  }

  /** Whether anything is kept: both bounds above 0. */
  boolean enabled() {
    return maxEntries > 0 && ttlNanos > 0;
  }

  /** The confirmed location of the key with this hash, or {@code null} (unknown here, or expired). */
  Location get(byte[] hash) {
    if (!enabled()) {
      return null;
    }
    Entry e = entries.get(new Hash(hash));
    return e != null && nanoTime.getAsLong() - e.expiresAt() < 0 ? e.location() : null;
  }

  /** Records a location the key row has just confirmed (its hash matched, not revoked). */
  void confirmed(byte[] hash, Location location) {
    if (!enabled()) {
      return;
    }
    long now = nanoTime.getAsLong();
    Hash key = new Hash(hash.clone());
    if (entries.size() >= maxEntries && !entries.containsKey(key)) {
      makeRoom(now);
    }
    entries.put(key, new Entry(location, now + ttlNanos));
  }

  /** Forgets the key with this hash: its row is gone, holds another hash, or is revoked. */
  void forget(byte[] hash) {
    entries.remove(new Hash(hash));
  }

  int size() {
    return entries.size();
  }

  private void makeRoom(long now) {
    entries.values().removeIf(e -> now - e.expiresAt() >= 0);
    int excess = entries.size() - (maxEntries - Math.max(1, maxEntries / 10));
    for (Iterator<Hash> it = entries.keySet().iterator(); excess > 0 && it.hasNext(); excess--) {
      it.next();
      it.remove();
    }
  }
}
