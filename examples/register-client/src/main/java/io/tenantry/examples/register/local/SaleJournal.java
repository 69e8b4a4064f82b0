package io.tenantry.examples.register.local;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The register's sales. A sale is written here, with its client-generated {@code clientSaleId},
 * before anything is sent; it is marked pushed only with the server's answer in hand, and a
 * re-send after a crash uses the same {@code clientSaleId}, which the server answers with the sale
 * it already has. So a sale is never lost (it is on disk first) and never doubled (its id is fixed).
 */
public final class SaleJournal {

  /** One line as sold: the product and its local price at the time of the sale. */
  public record Line(String productId, String sku, String name, int quantity, long unitPriceCents) {
    long totalCents() {
      return unitPriceCents * quantity;
    }
  }

  /**
   * The customer of a sale, as the lookup showed them: the server's customer id (which the push sends),
   * and the name and points balance for the receipt ({@code points} null when unknown).
   */
  public record Customer(String id, String name, Long points) {
    public Customer {
      try {
        id = UUID.fromString(id).toString();
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("A customer id is a UUID the POS issued, was '" + id + "'.");
      }
    }
  }

  /** A sale as recorded locally; {@code customer} is null for a sale without one. */
  public record Sale(long seq, String clientSaleId, String createdAt, long subtotalCents, long taxCents,
      long totalCents, List<Line> lines, Customer customer) {}

  /** The server's view of a sale it accepted; {@code unitPriceCents} in the order of the sale's lines. */
  public record ServerSale(String id, boolean created, long subtotalCents, long taxCents, long totalCents,
      List<Long> unitPriceCents) {}

  /** A pushed sale whose server total is not the local one. */
  public record Difference(String clientSaleId, String serverSaleId, long localTaxCents, long serverTaxCents,
      long localTotalCents, long serverTotalCents, List<String> lineDifferences) {

    /** E.g. {@code local 7.98 (tax 0.00), server 6.98 (tax 0.00); MILK x2: local 3.99, server 3.49}. */
    public String describe() {
      StringBuilder text = new StringBuilder("local ").append(Money.format(localTotalCents)).append(" (tax ")
          .append(Money.format(localTaxCents)).append("), server ").append(Money.format(serverTotalCents))
          .append(" (tax ").append(Money.format(serverTaxCents)).append(')');
      lineDifferences.forEach(d -> text.append("; ").append(d));
      return text.toString();
    }
  }

  /** A sale the server refused, and why. */
  public record Rejection(String clientSaleId, String reason) {}

  /**
   * A sale's ids, status ({@code pending}, {@code pushed} or {@code rejected}) and customer id (null
   * without one); {@code serverSaleId} is null until pushed.
   */
  public record Entry(String clientSaleId, String serverSaleId, String status, String customerId) {}

  /** Counts and sums for {@code status}. */
  public record Summary(int pending, long pendingTotalCents, int pushed, int rejected, int differing) {}

  private final LocalDatabase db;

  public SaleJournal(LocalDatabase db) {
    this.db = db;
  }

  /**
   * Records {@code copies} sales of the same lines in one durable transaction, each with its own
   * {@code clientSaleId}. Returns the first (the only one when {@code copies == 1}).
   */
  public Sale record(List<Line> lines, BigDecimal taxRate, int copies) {
    return record(lines, taxRate, copies, null);
  }

  /** As {@link #record(List, BigDecimal, int)}, every copy sold to {@code customer} (null: no customer). */
  public Sale record(List<Line> lines, BigDecimal taxRate, int copies, Customer customer) {
    long subtotal = lines.stream().mapToLong(Line::totalCents).sum();
    long tax = Money.tax(subtotal, taxRate);
    db.durableCommits(true);
    return db.inTransaction(c -> {
      Sale first = null;
      try (PreparedStatement sale = c.prepareStatement("insert into sale(client_sale_id, created_at, status, tax_rate,"
          + " local_subtotal_cents, local_tax_cents, local_total_cents, customer_id, customer_name, customer_points)"
          + " values (?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?)",
          Statement.RETURN_GENERATED_KEYS);
           PreparedStatement line = c.prepareStatement("insert into sale_line(sale_seq, line_no, product_id, sku, name,"
               + " quantity, unit_price_cents) values (?, ?, ?, ?, ?, ?, ?)")) {
        for (int copy = 0; copy < copies; copy++) {
          String clientSaleId = UUID.randomUUID().toString();
          String now = Instant.now().toString();
          sale.setString(1, clientSaleId);
          sale.setString(2, now);
          sale.setString(3, taxRate.toPlainString());
          sale.setLong(4, subtotal);
          sale.setLong(5, tax);
          sale.setLong(6, subtotal + tax);
          sale.setString(7, customer == null ? null : customer.id());
          sale.setString(8, customer == null ? null : customer.name());
          sale.setObject(9, customer == null ? null : customer.points());
          sale.executeUpdate();
          long seq;
          try (ResultSet keys = sale.getGeneratedKeys()) {
            keys.next();
            seq = keys.getLong(1);
          }
          for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            line.setLong(1, seq);
            line.setInt(2, i);
            line.setString(3, l.productId());
            line.setString(4, l.sku());
            line.setString(5, l.name());
            line.setInt(6, l.quantity());
            line.setLong(7, l.unitPriceCents());
            line.addBatch();
          }
          line.executeBatch();
          if (first == null) {
            first = new Sale(seq, clientSaleId, now, subtotal, tax, subtotal + tax, List.copyOf(lines), customer);
          }
        }
      }
      return first;
    });
  }

  /** Every pending sale, oldest first, with its lines. */
  public List<Sale> pending() {
    Map<Long, List<Line>> lines = new LinkedHashMap<>();
    db.queryAll("select l.sale_seq, l.product_id, l.sku, l.name, l.quantity, l.unit_price_cents from sale_line l"
        + " join sale s on s.seq = l.sale_seq where s.status = 'pending' order by l.sale_seq, l.line_no", rs -> {
          lines.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
              .add(new Line(rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getLong(6)));
          return null;
        });
    return db.queryAll("select seq, client_sale_id, created_at, local_subtotal_cents, local_tax_cents,"
            + " local_total_cents, customer_id, customer_name, customer_points from sale where status = 'pending'"
            + " order by seq",
        rs -> new Sale(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
            lines.getOrDefault(rs.getLong(1), List.of()), customer(rs, 7)));
  }

  /**
   * Marks a sale pushed with the server's answer, and learns the register id from the first one.
   * Commits wait for the operating system, not the disk: should the mark be lost, the next push
   * re-sends the sale and the server answers with the one it has.
   */
  public void markPushed(Sale sale, ServerSale server, String learnedRegisterId) {
    db.durableCommits(false);
    db.inTransaction(c -> {
      try (PreparedStatement p = c.prepareStatement("update sale set status = 'pushed', server_sale_id = ?,"
          + " server_subtotal_cents = ?, server_tax_cents = ?, server_total_cents = ?, server_answer = ?,"
          + " pushed_at = ? where seq = ? and status = 'pending'")) {
        p.setString(1, server.id());
        p.setLong(2, server.subtotalCents());
        p.setLong(3, server.taxCents());
        p.setLong(4, server.totalCents());
        p.setInt(5, server.created() ? 201 : 200);
        p.setString(6, Instant.now().toString());
        p.setLong(7, sale.seq());
        p.executeUpdate();
      }
      try (PreparedStatement p = c.prepareStatement("update sale_line set server_unit_price_cents = ?"
          + " where sale_seq = ? and line_no = ?")) {
        for (int i = 0; i < server.unitPriceCents().size(); i++) {
          p.setLong(1, server.unitPriceCents().get(i));
          p.setLong(2, sale.seq());
          p.setInt(3, i);
          p.addBatch();
        }
        p.executeBatch();
      }
      if (learnedRegisterId != null) {
        learnRegisterId(c, learnedRegisterId);
      }
      return null;
    });
  }

  /** Marks a sale the server refused (a 4xx other than 401/403): not sent again, listed by {@code status}. */
  public void markRejected(Sale sale, String reason) {
    db.durableCommits(true);
    db.inTransaction(c -> {
      try (PreparedStatement p = c.prepareStatement("update sale set status = 'rejected', rejection = ?"
          + " where seq = ? and status = 'pending'")) {
        p.setString(1, reason);
        p.setLong(2, sale.seq());
        p.executeUpdate();
      }
      return null;
    });
  }

  /** Counts for {@code status}. */
  public Summary summary() {
    return db.query("select"
        + " coalesce(sum(status = 'pending'), 0), coalesce(sum(case when status = 'pending' then local_total_cents end), 0),"
        + " coalesce(sum(status = 'pushed'), 0), coalesce(sum(status = 'rejected'), 0),"
        + " coalesce(sum(status = 'pushed' and server_total_cents <> local_total_cents), 0) from sale",
        rs -> new Summary(rs.getInt(1), rs.getLong(2), rs.getInt(3), rs.getInt(4), rs.getInt(5))).orElseThrow();
  }

  /** Pushed sales whose server total differs from the local one, newest first. */
  public List<Difference> differences(int limit) {
    return db.queryAll("select seq, client_sale_id, server_sale_id, local_tax_cents, server_tax_cents,"
            + " local_total_cents, server_total_cents from sale"
            + " where status = 'pushed' and server_total_cents <> local_total_cents order by seq desc limit ?",
        rs -> new Difference(rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
            rs.getLong(7), lineDifferences(rs.getLong(1))),
        limit);
  }

  /** The difference of one sale, if its server total is not the local one. */
  public Optional<Difference> difference(Sale sale) {
    return db.query("select server_sale_id, server_tax_cents, server_total_cents from sale where seq = ?"
            + " and status = 'pushed' and server_total_cents <> local_total_cents",
        rs -> new Difference(sale.clientSaleId(), rs.getString(1), sale.taxCents(), rs.getLong(2), sale.totalCents(),
            rs.getLong(3), lineDifferences(sale.seq())), sale.seq());
  }

  /** Rejected sales, newest first. */
  public List<Rejection> rejections(int limit) {
    return db.queryAll("select client_sale_id, rejection from sale where status = 'rejected' order by seq desc limit ?",
        rs -> new Rejection(rs.getString(1), rs.getString(2)), limit);
  }

  /** Every sale's ids and status, oldest first. */
  public List<Entry> entries() {
    return db.queryAll("select client_sale_id, server_sale_id, status, customer_id from sale order by seq",
        rs -> new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
  }

  private List<String> lineDifferences(long seq) {
    return db.queryAll("select sku, quantity, unit_price_cents, server_unit_price_cents from sale_line"
            + " where sale_seq = ? and server_unit_price_cents is not null and server_unit_price_cents <> unit_price_cents"
            + " order by line_no",
        rs -> rs.getString(1) + " x" + rs.getInt(2) + ": local " + Money.format(rs.getLong(3)) + ", server "
            + Money.format(rs.getLong(4)), seq);
  }

  private static Customer customer(ResultSet rs, int column) throws SQLException {
    String id = rs.getString(column);
    if (id == null) {
      return null;
    }
    long points = rs.getLong(column + 2);
    return new Customer(id, rs.getString(column + 1), rs.wasNull() ? null : points);
  }

  private static void learnRegisterId(Connection c, String registerId) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(
        "update register_identity set register_id = ? where singleton = 1 and register_id is null")) {
      p.setString(1, registerId);
      p.executeUpdate();
    }
  }
}
