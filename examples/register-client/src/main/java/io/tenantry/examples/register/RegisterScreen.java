package io.tenantry.examples.register;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tenantry.examples.register.local.LocalCatalog;
import io.tenantry.examples.register.local.LocalDatabase;
import io.tenantry.examples.register.local.Money;
import io.tenantry.examples.register.local.SaleJournal;
import io.tenantry.examples.register.server.PosClient;
import io.tenantry.examples.register.server.RetryPolicy;
import io.tenantry.examples.register.server.ServerRefusedException;
import io.tenantry.examples.register.server.ServerUnreachableException;
import java.time.Duration;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The long-running register: a selling screen on the loopback interface only, served from the local
 * database, and a background loop that runs {@code sync} then {@code push} (the same commands, so a
 * sale still lands exactly once) and keeps a status the screen shows: online, offline, N pending,
 * parked (sales the server rejected for their content, kept and never re-sent).
 */
final class RegisterScreen implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
      "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml");

  private final Path db;
  private final HttpServer http;
  private final ScheduledExecutorService background;
  private volatile String connection = "starting";
  private volatile String message = "";
  private volatile Instant lastContact;
  /**
   * Customers a search on this screen answered, by id: a sale names one of these, so the receipt's name
   * and balance come from the server, not from the page. Not kept across restarts (nor on disk: the
   * company's customer list stays on the server).
   */
  private final Map<String, PosClient.Customer> lookedUp = new ConcurrentHashMap<>();

  private RegisterScreen(Path db, int port, long intervalMillis) throws IOException {
    this.db = db;
    try (LocalDatabase local = LocalDatabase.open(db)) {
      if (!local.syncState().everSynced()) {
        throw new CommandFailure(ExitCodes.NOT_SELLABLE, "This register has no catalog yet: run 'register sync --db "
            + db + "' once while the server is reachable.");
      }
    }
    // loopback only: the screen sells without a password, so nothing off this machine may reach it
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    http.createContext("/", this::handle);
    http.setExecutor(Executors.newFixedThreadPool(4, daemon("screen")));
    background = Executors.newSingleThreadScheduledExecutor(daemon("sync-push"));
    http.start();
    background.scheduleWithFixedDelay(this::syncAndPush, 0, intervalMillis, TimeUnit.MILLISECONDS);
  }

  /** Starts the screen on {@code port} (0: any free port) with a sync and push every {@code intervalMillis}. */
  static RegisterScreen start(Path db, int port, long intervalMillis) throws IOException {
    return new RegisterScreen(db, port, intervalMillis);
  }

  int port() {
    return http.getAddress().getPort();
  }

  @Override
  public void close() {
    // waits for a round or a sale in progress: closed means the local database is no longer in use
    background.shutdown();
    http.stop(0);
    java.util.concurrent.ExecutorService handlers = (java.util.concurrent.ExecutorService) http.getExecutor();
    handlers.shutdown();
    try {
      if (!background.awaitTermination(30, TimeUnit.SECONDS) | !handlers.awaitTermination(30, TimeUnit.SECONDS)) {
        background.shutdownNow();
        handlers.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void syncAndPush() {
    StringWriter sink = new StringWriter();
    PrintWriter w = new PrintWriter(sink);
    int sync = RegisterCli.run(w, w, "sync", "--db", db.toString(), "--max-attempts", "1", "--timeout", "5");
    int push = sync == ExitCodes.SERVER_UNREACHABLE ? sync
        : RegisterCli.run(w, w, "push", "--db", db.toString(), "--max-attempts", "1", "--timeout", "5");
    if (sync == ExitCodes.SERVER_UNREACHABLE || push == ExitCodes.SERVER_UNREACHABLE) {
      connection = "offline";
      message = "The server does not answer; selling goes on and sales are sent when it is back.";
    } else if (sync == ExitCodes.SERVER_REFUSED || push == ExitCodes.SERVER_REFUSED) {
      connection = "refused";
      message = lastLine(sink.toString());
    } else {
      connection = "online";
      message = push == ExitCodes.SALES_REJECTED ? "The server rejected a sale; it is parked (see 'register status')."
          : push == ExitCodes.SALES_FAILED_ON_SERVER ? "The server failed on a sale; it stays pending and is sent again."
          : "";
      lastContact = Instant.now();
    }
  }

  private static String lastLine(String text) {
    String[] lines = text.strip().split("\n");
    return lines.length == 0 ? "" : lines[lines.length - 1];
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      String method = ex.getRequestMethod();
      String refusal = refusal(ex);
      if (refusal != null) {
        json(ex, 403, Map.of("error", refusal));
        return;
      }
      try {
        if (path.equals("/api/status") && method.equals("GET")) {
          json(ex, 200, status());
        } else if (path.equals("/api/products") && method.equals("GET")) {
          json(ex, 200, products());
        } else if (path.equals("/api/customers") && method.equals("GET")) {
          customers(ex);
        } else if (path.equals("/api/sales") && method.equals("POST")) {
          json(ex, 201, sell(JSON.readTree(ex.getRequestBody())));
        } else if (method.equals("GET")) {
          file(ex, path.equals("/") ? "register.html" : path.substring(1));
        } else {
          json(ex, 405, Map.of("error", "Method not allowed."));
        }
      } catch (CommandFailure | IllegalArgumentException e) {
        json(ex, 400, Map.of("error", e.getMessage()));
      } catch (RuntimeException e) {
        json(ex, 500, Map.of("error", String.valueOf(e.getMessage())));
      }
    }
  }

  /**
   * Why a request is refused, or null. The screen has no password (loopback is its boundary), so a web
   * page open in a browser on this machine must not drive it: the Host must name loopback and this port
   * (no DNS rebinding), a cross-site Origin is refused, and a sale must be sent as JSON, which a page of
   * another origin cannot do without a CORS preflight this server never grants.
   */
  private String refusal(HttpExchange ex) {
    String host = ex.getRequestHeaders().getFirst("Host");
    int port = port();
    if (host == null || !(host.equals("127.0.0.1:" + port) || host.equals("localhost:" + port)
        || host.equals("[::1]:" + port))) {
      return "The register screen answers only at http://127.0.0.1:" + port + "/.";
    }
    String origin = ex.getRequestHeaders().getFirst("Origin");
    if (origin != null && !origin.equals("http://" + host)) {
      return "Requests from another site are refused.";
    }
    String type = ex.getRequestHeaders().getFirst("Content-Type");
    if (ex.getRequestMethod().equals("POST") && (type == null || !type.startsWith("application/json"))) {
      return "A sale is sent as application/json.";
    }
    return null;
  }

  private Map<String, Object> status() {
    try (LocalDatabase local = LocalDatabase.open(db)) {
      SaleJournal.Summary s = new SaleJournal(local).summary();
      LocalDatabase.SyncState sync = local.syncState();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("store", local.identity().storeName());
      m.put("connection", connection);
      m.put("message", message);
      m.put("pending", s.pending());
      m.put("pendingTotal", Money.format(s.pendingTotalCents()));
      m.put("pushed", s.pushed());
      m.put("parked", s.rejected());
      m.put("lastSyncAt", sync.lastSyncAt());
      m.put("taxRate", sync.taxRate());
      m.put("lastContact", lastContact == null ? null : lastContact.toString());
      return m;
    }
  }

  private List<Map<String, Object>> products() {
    try (LocalDatabase local = LocalDatabase.open(db)) {
      List<Map<String, Object>> out = new ArrayList<>();
      for (LocalCatalog.Product p : new LocalCatalog(local).all()) {
        out.add(Map.of("sku", p.sku(), "name", p.name(), "price", Money.format(p.priceCents())));
      }
      return out;
    }
  }

  /**
   * Customer search, online only: the POS answers with the register's key (customers of the register's
   * company, at any of its stores). Offline the cashier sells without a customer.
   */
  private void customers(HttpExchange ex) throws IOException {
    String query = ex.getRequestURI().getQuery();
    String text = "";
    if (query != null) {
      for (String pair : query.split("&")) {
        if (pair.startsWith("q=")) {
          text = java.net.URLDecoder.decode(pair.substring(2), java.nio.charset.StandardCharsets.UTF_8).strip();
        }
      }
    }
    if (text.length() < 2 || text.length() > 100) {
      throw new IllegalArgumentException("Search customers by 2 to 100 characters of a name or phone.");
    }
    PosClient client;
    try (LocalDatabase local = LocalDatabase.open(db)) {
      var identity = local.identity();
      client = new PosClient(identity.serverUrl(), identity.key(), Duration.ofSeconds(5),
          new RetryPolicy(1, Duration.ZERO, Duration.ZERO));
    }
    List<PosClient.Customer> found;
    try {
      found = client.customers(text);
    } catch (ServerUnreachableException e) {
      json(ex, 503, Map.of("error", "Customer search needs the server, which does not answer; sell without a"
          + " customer or try again when online."));
      return;
    } catch (ServerRefusedException e) {
      json(ex, 502, Map.of("error", e.getMessage()));
      return;
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (PosClient.Customer c : found) {
      lookedUp.put(c.id(), c);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", c.id());
      m.put("name", c.name());
      m.put("phone", c.phone());
      m.put("points", c.loyaltyPoints());
      out.add(m);
    }
    json(ex, 200, out);
  }

  private Map<String, Object> sell(JsonNode body) {
    JsonNode lines = body.path("lines");
    if (!lines.isArray() || lines.isEmpty() || lines.size() > SellCommand.MAX_LINES) {
      throw new IllegalArgumentException("A sale needs 1 to " + SellCommand.MAX_LINES + " lines of {sku, quantity}.");
    }
    SaleJournal.Customer customer = null;
    JsonNode customerId = body.path("customerId");
    if (!customerId.isMissingNode() && !customerId.isNull()) {
      PosClient.Customer c = lookedUp.get(customerId.asString(""));
      if (c == null) {
        throw new IllegalArgumentException("Unknown customer; search for the customer again.");
      }
      customer = new SaleJournal.Customer(c.id(), c.name(), c.loyaltyPoints());
    }
    try (LocalDatabase local = LocalDatabase.open(db)) {
      LocalCatalog catalog = new LocalCatalog(local);
      List<SaleJournal.Line> wanted = new ArrayList<>();
      for (JsonNode line : lines) {
        String sku = line.path("sku").asString("");
        int quantity = line.path("quantity").asInt(0);
        if (quantity < 1 || quantity > 10_000) {
          throw new IllegalArgumentException("Quantity of " + sku + " must be from 1 to 10000.");
        }
        LocalCatalog.Product p = catalog.bySku(sku).orElseThrow(() -> new IllegalArgumentException(
            "Unknown SKU '" + sku + "' in this register's catalog."));
        wanted.add(new SaleJournal.Line(p.id(), p.sku(), p.name(), quantity, p.priceCents()));
      }
      SaleJournal.Sale sale = new SaleJournal(local).record(wanted, new BigDecimal(local.syncState().taxRate()), 1,
          customer);
      List<Map<String, Object>> receipt = new ArrayList<>();
      for (SaleJournal.Line l : sale.lines()) {
        receipt.add(Map.of("sku", l.sku(), "name", l.name(), "quantity", l.quantity(),
            "unitPrice", Money.format(l.unitPriceCents()), "amount", Money.format(l.unitPriceCents() * l.quantity())));
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("clientSaleId", sale.clientSaleId());
      m.put("createdAt", sale.createdAt());
      m.put("lines", receipt);
      m.put("subtotal", Money.format(sale.subtotalCents()));
      m.put("tax", Money.format(sale.taxCents()));
      m.put("total", Money.format(sale.totalCents()));
      if (customer != null) {
        // the POS's rule: one point per whole currency unit of the total; the server awards them on push
        long earned = sale.totalCents() / 100;
        m.put("customer", customer.name());
        m.put("pointsEarned", earned);
        m.put("pointsTotal", customer.points() + earned);
        // a second sale to the same customer on this screen starts from the new balance
        lookedUp.computeIfPresent(customer.id(), (id, c) -> new PosClient.Customer(c.id(), c.name(), c.phone(),
            c.loyaltyPoints() + earned));
      }
      return m;
    }
  }

  private static void json(HttpExchange ex, int status, Object body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
  }

  private static void file(HttpExchange ex, String name) throws IOException {
    String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
    InputStream in = name.contains("..") || name.contains("/") || type == null ? null
        : RegisterScreen.class.getResourceAsStream("/register-screen/" + name);
    if (in == null) {
      json(ex, 404, Map.of("error", "Not found."));
      return;
    }
    try (in) {
      byte[] bytes = in.readAllBytes();
      ex.getResponseHeaders().set("Content-Type", type);
      ex.sendResponseHeaders(200, bytes.length);
      ex.getResponseBody().write(bytes);
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
