package io.tenantry.spring.web;

/** The request headers Tenantry reads. No other header ever names a tenant. */
public final class TenantHeaders {

  /** A register's API key; the request runs as that register, its store and its company. */
  public static final String REGISTER_KEY = "X-Register-Key";

  /** Selects one store among the stores the principal may see (the store switcher). */
  public static final String STORE_ID = "X-Store-Id";

  /** The headers a tenant response varies by, for {@code Vary}. */
  public static final String VARY = "Authorization, " + REGISTER_KEY + ", " + STORE_ID;

  private TenantHeaders() {}
}
