package io.tenantry.benchmarks.app;

import io.tenantry.benchmarks.report.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The POS HTTP API as the benchmark uses it: JSON in and out, a bearer token or a register key. One
 * {@link HttpClient} (HTTP/1.1, kept-alive connections) per instance; thread-safe.
 */
public final class PosApi {

  /** A status and a parsed JSON body (null when empty). */
  public record Answer(int status, Object body, String text) {
    @SuppressWarnings("unchecked")
    public Map<String, Object> json() {
      return (Map<String, Object>) body;
    }

    public String get(String key) {
      Object v = json().get(key);
      return v == null ? null : v.toString();
    }
  }

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final String url;
  private final Path mailbox;

  /**
   * @param mailbox the file the POS writes its mails to ({@code pos.outbox.file}), for {@link #signupAndLogin};
   *     null when this client signs nobody up
   */
  public PosApi(String url, Path mailbox) {
    this.url = url;
    this.mailbox = mailbox;
  }

  public Answer call(String method, String path, String auth, String json) throws IOException {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(120))
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      r.header("Content-Type", "application/json");
    }
    if (auth != null) {
      if (auth.startsWith("trk_")) {
        r.header("X-Register-Key", auth);
      } else {
        r.header("Authorization", "Bearer " + auth);
      }
    }
    try {
      HttpResponse<String> res = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
      String text = res.body();
      Object body = text == null || text.isBlank() || !text.trim().startsWith("{") ? null : Json.parse(text);
      return new Answer(res.statusCode(), body, text);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /** A call that must answer with one of {@code expected}; otherwise fails with what the server said. */
  public Answer expect(String method, String path, String auth, String json, int... expected) throws IOException {
    Answer a = call(method, path, auth, json);
    for (int e : expected) {
      if (a.status() == e) {
        return a;
      }
    }
    throw new IllegalStateException(method + " " + path + " answered " + a.status() + ": " + a.text());
  }

  /**
   * Signs up a company, confirms it with the link the POS mailed to {@code email} (read from the mailbox file),
   * and signs its owner in; returns the owner's token.
   */
  public String signupAndLogin(String company, String email) throws IOException {
    String password = "bench-password-1";
    expect("POST", "/api/signup", null, "{\"companyName\":\"" + company + "\",\"email\":\"" + email + "\"}", 202);
    expect("POST", "/api/signup/confirm", null, "{\"token\":\"" + signupToken(email) + "\",\"password\":\""
        + password + "\"}", 201);
    return expect("POST", "/api/auth/login", null, "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", 200)
        .get("token");
  }

  /** The token of the newest signup link in the mailbox for {@code email} (lines {@code to TAB subject TAB link}). */
  private String signupToken(String email) throws IOException {
    if (mailbox == null) {
      throw new IllegalStateException("Signing up needs the POS's mailbox: start the POS with pos.outbox.file"
          + " (PosProcess does) and pass that file to new PosApi(url, mailbox).");
    }
    List<String> lines = Files.readAllLines(mailbox);
    for (int i = lines.size() - 1; i >= 0; i--) {
      String[] mail = lines.get(i).split("\t");
      if (mail.length == 3 && mail[0].equals(email) && mail[2].contains("#signup=")) {
        return mail[2].substring(mail[2].indexOf("#signup=") + "#signup=".length());
      }
    }
    throw new IllegalStateException("No signup link for " + email + " in the POS's mailbox " + mailbox);
  }

  public String createStore(String token, String name) throws IOException {
    return expect("POST", "/api/stores", token, "{\"name\":\"" + name + "\",\"timezone\":\"America/Chicago\"}", 201, 200)
        .get("id");
  }

  /** A new register of the store; returns its key (shown once). */
  public String createRegister(String token, String store, String name) throws IOException {
    return expect("POST", "/api/stores/" + store + "/registers", token, "{\"name\":\"" + name + "\"}", 201, 200)
        .get("apiKey");
  }

  public String createProduct(String token, String sku, String name, String price) throws IOException {
    return expect("POST", "/api/products", token, "{\"sku\":\"" + sku + "\",\"name\":\"" + name
        + "\",\"basePrice\":\"" + price + "\"}", 201, 200).get("id");
  }

  public void setStorePrice(String token, String store, String product, String price) throws IOException {
    expect("PUT", "/api/stores/" + store + "/prices/" + product, token, "{\"price\":\"" + price + "\"}", 200, 201, 204);
  }

  public void setTaxRate(String token, String rate) throws IOException {
    expect("PUT", "/api/settings", token, "{\"taxRate\":\"" + rate + "\"}", 200, 204);
  }
}
