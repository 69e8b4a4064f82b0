package io.tenantry.spring.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import java.lang.reflect.Method;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.cache.interceptor.SimpleKey;

class TenantCacheKeyTest {

  private static final UUID A = UUID.randomUUID();
  private static final UUID B = UUID.randomUUID();
  private static final UUID S1 = UUID.randomUUID();
  private static final UUID S2 = UUID.randomUUID();

  private final TenantAwareKeyGenerator generator = new TenantAwareKeyGenerator();

  private Object key(Object... params) throws Exception {
    Method method = Object.class.getMethod("toString");
    return generator.generate(this, method, params);
  }

  private Object keyAs(TenantContext ctx, Object... params) throws Exception {
    return Tenancy.call(ctx, () -> key(params));
  }

  @Test
  void keysDifferPerCompanyStoreRegisterAndGrants() throws Exception {
    List<Object> keys = List.of(
        keyAs(TenantContext.ofCompany(A), "sku"),
        keyAs(TenantContext.ofCompany(B), "sku"),
        keyAs(TenantContext.ofStore(A, S1), "sku"),
        keyAs(TenantContext.ofStore(A, S2), "sku"),
        keyAs(TenantContext.ofRegister(A, S1, UUID.randomUUID()), "sku"),
        keyAs(TenantContext.builder(A).grantedStores(List.of(S1)).build(), "sku"),
        keyAs(TenantContext.builder(A).grantedStores(List.of(S1, S2)).build(), "sku"),
        Tenancy.asSystem("test", (Supplier<Object>) () -> uncheckedKey("sku")),
        key("sku"));
    assertThat(keys).doesNotHaveDuplicates();
  }

  @Test
  void theSameViewGivesEqualKeysWhateverThePrincipal() throws Exception {
    Object first = keyAs(TenantContext.builder(A).grantedStores(List.of(S1, S2)).principal("x").build(), 1, 2);
    Object second = keyAs(TenantContext.builder(A).grantedStores(List.of(S2, S1)).principal("y").build(), 1, 2);
    assertThat(first).isEqualTo(second).hasSameHashCodeAs(second);
    assertThat(((TenantCacheKey) first).key()).isEqualTo(new SimpleKey(1, 2));
  }

  @Test
  void anExplicitKeyExpressionCanCarryTheTenant() throws Exception {
    TenantCacheKey a = Tenancy.call(TenantContext.ofCompany(A), () -> TenantCacheKey.of("sku"));
    TenantCacheKey b = Tenancy.call(TenantContext.ofCompany(B), () -> TenantCacheKey.of("sku"));
    assertThat(a).isNotEqualTo(b);
    assertThat(a.key()).isEqualTo("sku");
    assertThat(a.scope()).contains("company=" + A);
    assertThat(TenantCacheKey.of().key()).isEqualTo(SimpleKey.EMPTY);
    assertThat(TenantCacheKey.of().scope()).isEqualTo("none");
  }

  private Object uncheckedKey(Object... params) {
    try {
      return key(params);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
