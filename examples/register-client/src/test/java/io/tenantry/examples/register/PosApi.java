package io.tenantry.examples.register;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The POS's owner API, as a test sets up a company with curl: signup, stores, registers, products, prices, reports. */
final class PosApi {

  /** A register the POS issued: its id, store and key. */
  record Register(String id, String storeId, String key) {}

  /** Sales the POS recorded for one store over the last days. */
  record StoreSales(long count, String total) {}

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final String url;
  private final String email;
  final String token;

  private PosApi(String url, String email, String token) {
    this.url = url;
    this.email = email;
    this.token = token;
  }

  /**
   * Signs up a new company, confirms it with the link the POS mailed to the owner's address (read from the
   * {@link PosServer#mailbox} file, which the test POS writes with {@code pos.outbox.file}), and signs in as its
   * owner.
   */
  static PosApi newCompany(String url, String name) {
    String email = "owner-" + UUID.randomUUID() + "@test.example";
    new PosApi(url, null, null).call("POST", "/api/signup", Map.of("companyName", name, "email", email), 202);
    new PosApi(url, null, null).call("POST", "/api/signup/confirm", Map.of("token", signupToken(email), "password",
        "secret-123"), 201);
    return signIn(url, email);
  }

  /** The token of the signup link mailed to {@code email}: one line {@code to TAB subject TAB link} of the mailbox. */
  private static String signupToken(String email) {
    try {
      java.util.List<String> lines = Files.readAllLines(PosServer.get().mailbox);
      for (int i = lines.size() - 1; i >= 0; i--) {
        String[] mail = lines.get(i).split("\t");
        if (mail.length == 3 && mail[0].equals(email) && mail[2].contains("#signup=")) {
          return mail[2].substring(mail[2].indexOf("#signup=") + "#signup=".length());
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read the POS's mailbox " + PosServer.get().mailbox + ": " + e, e);
    }
    throw new AssertionError("No signup link for " + email + " in " + PosServer.get().mailbox);
  }

  private static PosApi signIn(String url, String email) {
    JsonNode login = new PosApi(url, null, null).call("POST", "/api/auth/login", Map.of("email", email, "password",
        "secret-123"), 200);
    return new PosApi(url, email, login.get("token").asString());
  }

  /** The same owner signed in again (a restarted POS no longer accepts the tokens it issued before). */
  PosApi signInAgain() {
    return signIn(url, email);
  }

  String store(String name) {
    return call("POST", "/api/stores", Map.of("name", name, "timezone", "America/Chicago"), 201).get("id").asString();
  }

  Register register(String storeId, String name) {
    JsonNode r = call("POST", "/api/stores/" + storeId + "/registers", Map.of("name", name), 201);
    return new Register(r.get("id").asString(), storeId, r.get("apiKey").asString());
  }

  String product(String sku, String name, String basePrice) {
    return call("POST", "/api/products", Map.of("sku", sku, "name", name, "basePrice", basePrice), 201).get("id")
        .asString();
  }

  void storePrice(String storeId, String productId, String price) {
    call("PUT", "/api/stores/" + storeId + "/prices/" + productId, Map.of("price", price), 200);
  }

  void removeStorePrice(String storeId, String productId) {
    call("DELETE", "/api/stores/" + storeId + "/prices/" + productId, null, 204);
  }

  /** The company-wide tax rate, e.g. {@code "0.0825"}. */
  void taxRate(String rate) {
    call("PUT", "/api/settings", Map.of("taxRate", rate), 200);
  }

  /** A company-level customer; returns its id. */
  String customer(String name, String phone) {
    return call("POST", "/api/customers", Map.of("name", name, "phone", phone), 201).get("id").asString();
  }

  /** A customer's loyalty points, as the owner reads them. */
  long points(String customerId) {
    return call("GET", "/api/customers/" + customerId, null, 200).get("loyaltyPoints").asLong();
  }

  /** What the POS recorded for a store, from the owner's sales report. */
  StoreSales sales(String storeId) {
    LocalDate today = LocalDate.now();
    JsonNode report = call("GET", "/api/reports/sales?from=" + today.minusDays(2) + "&to=" + today.plusDays(2), null,
        200);
    for (JsonNode store : report.get("byStore")) {
      if (store.get("storeId").asString().equals(storeId)) {
        return new StoreSales(store.get("count").asLong(), store.get("total").asString());
      }
    }
    throw new AssertionError("store " + storeId + " is not in the report " + report);
  }

  private JsonNode call(String method, String path, Object body, int expected) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
        .header("Content-Type", "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
      return response.body().isEmpty() ? null : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
