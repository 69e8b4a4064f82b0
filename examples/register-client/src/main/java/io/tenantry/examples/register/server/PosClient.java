package io.tenantry.examples.register.server;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The POS server as a register sees it, over HTTP with its {@code X-Register-Key}: which store it
 * is, the store's catalog changes and tax rate, and recording sales. Every call is retried with
 * exponential backoff on connection failures, timeouts, 5xx and 429; a sale's retry sends the same
 * {@code clientSaleId}, so the server records it once however often it is sent (THREATS 27).
 */
public final class PosClient {

  /** The register's store, as {@code GET /api/stores} answers a register. */
  public record RegisterStore(String id, String name, String timezone) {}

  /** A product as the sync sends it: {@code price} is the effective price at the register's store. */
  public record Product(String id, String sku, String name, String price) {}

  /** What changed since a cursor, and the cursor to send next time. */
  public record CatalogChanges(String cursor, List<Product> products) {}

  /** A line to sell. */
  public record SaleLine(String productId, int quantity) {}

  /** A line of a sale as the server priced it. */
  public record ServerLine(String productId, int quantity, String unitPrice, String lineTotal) {}

  /** A sale as the server recorded it; {@code customerId} null for a sale without a customer. */
  public record ServerSale(String id, String clientSaleId, String storeId, String registerId, String customerId,
      String subtotal, String tax, String total, List<ServerLine> lines) {}

  /** A customer of the register's company, as {@code GET /api/customers} answers: points are company-wide. */
  public record Customer(String id, String name, String phone, long loyaltyPoints) {}

  /** The server's answer to a sale: 201 (recorded now) or 200 (an earlier send had recorded it). */
  public record Pushed(int status, ServerSale sale) {
    public boolean created() {
      return status == 201;
    }
  }

  private static final JsonMapper JSON = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private final URI base;
  private final String display;
  private final String key;
  private final Duration timeout;
  private final RetryPolicy retry;
  private final HttpClient http;

  /**
   * @param serverUrl e.g. {@code http://localhost:8080}
   * @param timeout how long one request may take, connecting included
   */
  public PosClient(String serverUrl, String key, Duration timeout, RetryPolicy retry) {
    this.base = URI.create(serverUrl.endsWith("/") ? serverUrl : serverUrl + "/");
    this.display = serverUrl.endsWith("/") ? serverUrl.substring(0, serverUrl.length() - 1) : serverUrl;
    this.key = key;
    this.timeout = timeout;
    this.retry = retry;
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(timeout)
        .build();
  }

  /** The store this register's key belongs to. */
  public RegisterStore store() {
    return call("reading the register's store", get("api/stores"), (status, body) -> {
      requireOk(status, body, "GET /api/stores");
      List<RegisterStore> stores = List.of(read(body, RegisterStore[].class));
      if (stores.size() != 1) {
        throw new ServerRefusedException("GET /api/stores answered " + stores.size() + " stores for this key; a register"
            + " key sees exactly its own store. Is " + display + " a Tenantry POS, and the key a register key?");
      }
      return stores.get(0);
    });
  }

  /** The tax rate that applies to this register (its store's, else the company's), e.g. {@code 0.0825}. */
  public BigDecimal taxRate() {
    return call("reading the tax rate", get("api/settings"), (status, body) -> {
      requireOk(status, body, "GET /api/settings");
      JsonNode rate = tree(body).get("taxRate");
      try {
        return new BigDecimal(rate.asString());
      } catch (RuntimeException e) {
        throw new ServerRefusedException("GET /api/settings answered no usable taxRate: " + excerpt(body));
      }
    });
  }

  /** The store's catalog changes after {@code cursor} (everything when it is null). */
  public CatalogChanges catalogSince(String cursor) {
    String path = "api/sync/catalog" + (cursor == null ? "" : "?since=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
    return call("syncing the catalog", get(path), (status, body) -> {
      requireOk(status, body, "GET /api/sync/catalog");
      CatalogChanges changes = read(body, CatalogChanges.class);
      if (changes.cursor() == null || changes.products() == null) {
        throw new ServerRefusedException("GET /api/sync/catalog answered without cursor or products: " + excerpt(body));
      }
      return changes;
    });
  }

  /**
   * Customers of the register's company whose name or phone contains {@code text} (the server caps the
   * answer at 50). Customers belong to the company, so a register of any of its stores finds them.
   */
  public List<Customer> customers(String text) {
    String path = "api/customers?q=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
    return call("searching customers", get(path), (status, body) -> {
      requireOk(status, body, "GET /api/customers");
      return List.of(read(body, Customer[].class));
    });
  }

  /** Records a sale without a customer; see {@link #pushSale(String, String, List)}. */
  public Pushed pushSale(String clientSaleId, List<SaleLine> lines) {
    return pushSale(clientSaleId, null, lines);
  }

  /**
   * Records a sale, to {@code customerId} when not null (the server awards the customer's points);
   * sending the same {@code clientSaleId} again answers the sale recorded first.
   *
   * @throws SaleRejectedException when the server refuses this sale's content (a 4xx other than 401, 403,
   *     408 and 429: 400, 404, 409, 413, 422, ...)
   */
  public Pushed pushSale(String clientSaleId, String customerId, List<SaleLine> lines) {
    Map<String, Object> sale = new LinkedHashMap<>();
    sale.put("clientSaleId", clientSaleId);
    if (customerId != null) {
      sale.put("customerId", customerId);
    }
    sale.put("lines", lines);
    String body = JSON.writeValueAsString(sale);
    HttpRequest request = request("api/sales")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    return call("pushing sale " + clientSaleId, request, (status, answer) -> {
      if (status == 200 || status == 201) {
        return new Pushed(status, read(answer, ServerSale.class));
      }
      if (status >= 400 && status < 500) {
        // any 4xx but 401/403 (refused register), 408 and 429 (retried): the server will never take this
        // sale as it is (a product or customer it does not know, a total it cannot hold): a poison message,
        // parked so that it does not hold back the sales after it
        throw new SaleRejectedException(status, "HTTP " + status + ": " + detail(answer));
      }
      throw unexpected(status, answer, "POST /api/sales");
    });
  }

  // ---- one exchange, with retries ----

  @FunctionalInterface
  private interface Handler<T> {
    T handle(int status, String body);
  }

  private <T> T call(String what, HttpRequest request, Handler<T> handler) {
    for (int attempt = 1; ; attempt++) {
      String failure;
      Exception cause = null;
      int answered = 0;
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        int status = response.statusCode();
        if (status == 401 || status == 403) {
          throw new ServerRefusedException(display + " refused this register while " + what + " (HTTP " + status + ": "
              + detail(response.body()) + "). Check the key: it may have been revoked, or belong to another server.");
        }
        if (status < 500 && status != 429 && status != 408) {
          return handler.handle(status, response.body());
        }
        failure = "HTTP " + status;
        answered = status;
      } catch (IOException e) {
        failure = describe(e);
        cause = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ServerUnreachableException("Interrupted while " + what + ".", e);
      }
      if (attempt >= retry.maxAttempts()) {
        throw new ServerUnreachableException("No answer from " + display + " while " + what + " after " + attempt
            + (attempt == 1 ? " try" : " tries") + " (last: " + failure + ").", cause, answered);
      }
      try {
        Thread.sleep(retry.delayAfter(attempt).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ServerUnreachableException("Interrupted while " + what + ".", e);
      }
    }
  }

  private HttpRequest get(String path) {
    return request(path).GET().build();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path))
        .timeout(timeout)
        .header("X-Register-Key", key)
        .header("Accept", "application/json")
        .header("User-Agent", "tenantry-register-client");
  }

  private void requireOk(int status, String body, String what) {
    if (status != 200) {
      throw unexpected(status, body, what);
    }
  }

  private ServerRefusedException unexpected(int status, String body, String what) {
    return new ServerRefusedException(what + " at " + display + " answered HTTP " + status + ": " + detail(body)
        + ". Is the server a Tenantry POS of a compatible version?");
  }

  private <T> T read(String body, Class<T> type) {
    try {
      return JSON.readValue(body, type);
    } catch (JacksonException e) {
      throw new ServerRefusedException("The server's answer is not what a Tenantry POS sends (" + e.getOriginalMessage()
          + "): " + excerpt(body));
    }
  }

  private JsonNode tree(String body) {
    try {
      return JSON.readTree(body);
    } catch (JacksonException e) {
      throw new ServerRefusedException("The server's answer is not JSON: " + excerpt(body));
    }
  }

  private String describe(IOException e) {
    if (e instanceof HttpTimeoutException) {
      return "no answer within " + timeout.toSeconds() + " s";
    }
    if (e instanceof ConnectException) {
      return "cannot connect" + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  /** The problem+json {@code detail}, else the start of the body. */
  private static String detail(String body) {
    try {
      JsonNode detail = JSON.readTree(body).get("detail");
      if (detail != null && detail.isString()) {
        return detail.asString();
      }
    } catch (JacksonException | IllegalArgumentException e) {
      // not problem+json: show the body
    }
    return excerpt(body);
  }

  private static String excerpt(String body) {
    String text = body == null ? "" : body.strip();
    return text.isEmpty() ? "(empty body)" : text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }
}
