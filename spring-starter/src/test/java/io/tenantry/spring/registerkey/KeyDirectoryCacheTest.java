package io.tenantry.spring.registerkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The directory cache's bounds: size, expiry, forgetting. What an entry may authenticate: RegisterKeyHttpTest. */
class KeyDirectoryCacheTest {

  private final AtomicLong clock = new AtomicLong(1_000);

  private static byte[] hash(int i) {
    return ByteBuffer.allocate(32).putInt(i).array();
  }

  private static KeyDirectoryCache.Location location(int i) {
    return new KeyDirectoryCache.Location(new UUID(0, i), new UUID(1, i));
  }

  @Test
  void neverHoldsMoreThanItsMaximum_evenWithNothingExpired() {
    KeyDirectoryCache cache = new KeyDirectoryCache(100, Duration.ofMinutes(10), clock::get);
    for (int i = 0; i < 10_000; i++) {
      cache.confirmed(hash(i), location(i));
      assertThat(cache.size()).isLessThanOrEqualTo(100);
    }
    // the newest entry is always kept
    assertThat(cache.get(hash(9_999))).isEqualTo(location(9_999));
  }

  @Test
  void expiredEntriesAreNotUsedAndGoFirstWhenFull() {
    KeyDirectoryCache cache = new KeyDirectoryCache(10, Duration.ofNanos(500), clock::get);
    for (int i = 0; i < 10; i++) {
      cache.confirmed(hash(i), location(i));
    }
    assertThat(cache.get(hash(3))).isEqualTo(location(3));
    clock.addAndGet(500);
    assertThat(cache.get(hash(3))).isNull();
    cache.confirmed(hash(42), location(42));
    assertThat(cache.size()).isEqualTo(1);
    assertThat(cache.get(hash(42))).isEqualTo(location(42));
  }

  @Test
  void entriesAreFoundByTheHashsContentAndForgotten() {
    KeyDirectoryCache cache = new KeyDirectoryCache();
    byte[] h = hash(7);
    cache.confirmed(h, location(7));
    h[31] = 1; // the caller's array changing later does not change the entry
    assertThat(cache.get(hash(7))).isEqualTo(location(7));
    assertThat(cache.get(h)).isNull();
    cache.forget(hash(7));
    assertThat(cache.get(hash(7))).isNull();
    assertThat(cache.size()).isZero();
  }

  @Test
  void noKeysOrNoTimeToLive_keepsNothing() {
    for (KeyDirectoryCache off : new KeyDirectoryCache[] {new KeyDirectoryCache(0, Duration.ofMinutes(10), clock::get),
        new KeyDirectoryCache(100, Duration.ZERO, clock::get)}) {
      assertThat(off.enabled()).isFalse();
      off.confirmed(hash(1), location(1));
      assertThat(off.get(hash(1))).isNull();
      assertThat(off.size()).isZero();
    }
    assertThat(new KeyDirectoryCache().enabled()).isTrue();
  }

  @Test
  void boundsThatMeanNothing_areRefused() {
    assertThatThrownBy(() -> new KeyDirectoryCache(-1, Duration.ofMinutes(10), clock::get))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 (off) or more, not -1");
    assertThatThrownBy(() -> new KeyDirectoryCache(10, Duration.ofSeconds(-1), clock::get))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from 0 (off) to PT24H, not PT-1S");
    assertThatThrownBy(() -> new KeyDirectoryCache(10, Duration.ofDays(1).plusNanos(1), clock::get))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new KeyDirectoryCache(10, Duration.ofDays(1), clock::get).enabled()).isTrue();
  }
}
