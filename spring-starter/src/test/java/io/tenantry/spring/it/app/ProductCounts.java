package io.tenantry.spring.it.app;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

/** A cached query: the default key generator must keep one entry per tenant. */
@Service
public class ProductCounts {

  private final AtomicInteger computed = new AtomicInteger();

  private final ProductRepository products;

  ProductCounts(ProductRepository products) {
    this.products = products;
  }

  /** How often the count was computed rather than served from the cache. */
  public int computed() {
    return computed.get();
  }

  @Cacheable("productCounts")
  public long count() {
    computed.incrementAndGet();
    return products.count();
  }
}
