package io.tenantry.spring.test;


import java.util.Objects;
import java.util.UUID;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * MockMvc request post-processors that call the application the way tenants and registers do:
 *
 * <pre>{@code
 * mvc.perform(get("/products").with(asTenant(tokens.owner(companyA))).with(inStore(storeA1)));
 * mvc.perform(post("/sales").with(asRegister(issued.key())).contentType(JSON).content(body));
 * }</pre>
 *
 * The requests go through the real filter chain: the token is verified by the resource server and the
 * register key resolved by {@code RegisterKeys}, as in production.
 */
public final class TenantRequests {

  private TenantRequests() {}

  /** Sends {@code token} as {@code Authorization: Bearer}. */
  public static RequestPostProcessor asTenant(String token) {
    Objects.requireNonNull(token, "token");
    return request -> {
      request.addHeader("Authorization", "Bearer " + token);
      return request;
    };
  }

  /** Sends {@code key} as {@code X-Register-Key}. */
  public static RequestPostProcessor asRegister(String key) {
    Objects.requireNonNull(key, "key");
    return request -> {
      request.addHeader("X-Register-Key", key);
      return request;
    };
  }

  /** Selects a store with {@code X-Store-Id}. */
  public static RequestPostProcessor inStore(UUID store) {
    Objects.requireNonNull(store, "store");
    return request -> {
      request.addHeader("X-Store-Id", store.toString());
      return request;
    };
  }
}
