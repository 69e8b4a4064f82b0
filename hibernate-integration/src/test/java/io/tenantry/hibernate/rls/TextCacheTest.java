package io.tenantry.hibernate.rls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TextCacheTest {

  @Test
  void derivesOncePerText_andStaysBounded() throws Exception {
    TextCache<Integer> cache = new TextCache<>();
    AtomicInteger derivations = new AtomicInteger();
    TextCache.Derivation<Integer, RuntimeException> length = s -> {
      derivations.incrementAndGet();
      return s.length();
    };
    assertThat(cache.get("select 1", length)).isEqualTo(8);
    assertThat(cache.get("select 1", length)).isEqualTo(8);
    assertThat(derivations).hasValue(1);
    // texts that embed values: every one is new; the map is emptied when full, never grows past its bound
    for (int i = 0; i < 10_000; i++) {
      cache.get("select " + i + " + 0", length);
    }
    assertThat(derivations).hasValue(10_001);
    assertThat(cache.size()).isLessThanOrEqualTo(2048);
  }

  @Test
  void aRefusedTextIsRefusedEveryTime() {
    String sql = "rollback; delete from t";
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> TransactionControl.classify(sql)).isInstanceOf(SQLException.class)
          .hasMessageContaining("is followed by more SQL");
    }
  }
}
