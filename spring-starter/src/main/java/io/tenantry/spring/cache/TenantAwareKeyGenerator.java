package io.tenantry.spring.cache;

import java.lang.reflect.Method;
import java.util.Objects;
import org.springframework.cache.interceptor.KeyGenerator;
import org.springframework.cache.interceptor.SimpleKeyGenerator;

/**
 * Wraps the key of another generator (Spring's {@link SimpleKeyGenerator} by default) in a
 * {@link TenantCacheKey}, so that cached values of one tenant are never served to another. Nothing
 * bound and system access get keys of their own, never a tenant's.
 */
public final class TenantAwareKeyGenerator implements KeyGenerator {

  private final KeyGenerator delegate;

  /** Wraps Spring's default {@link SimpleKeyGenerator}. */
  public TenantAwareKeyGenerator() {
    this(new SimpleKeyGenerator());
  }

  /** Wraps the keys of {@code delegate}. */
  public TenantAwareKeyGenerator(KeyGenerator delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public Object generate(Object target, Method method, Object... params) {
    return new TenantCacheKey(TenantCacheKey.currentScope(), delegate.generate(target, method, params));
  }
}
