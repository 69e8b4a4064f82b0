package io.tenantry.examples.register.local;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;

/** The store's catalog as last synced: every product with the price that applies at this register's store. */
public final class LocalCatalog {

  /** A product and its effective price at this store. */
  public record Product(String id, String sku, String name, long priceCents) {}

  /** One applied change; {@code oldPriceCents} is null for a product new to this register. */
  public record Change(String sku, String name, Long oldPriceCents, long newPriceCents) {}

  private final LocalDatabase db;

  public LocalCatalog(LocalDatabase db) {
    this.db = db;
  }

  /** The product with this SKU, if the last sync knew it. */
  public Optional<Product> bySku(String sku) {
    return db.query("select id, sku, name, price_cents from product where sku = ?",
        rs -> new Product(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)), sku);
  }

  /** Every product the last sync knew, by name. */
  public java.util.List<Product> all() {
    return db.queryAll("select id, sku, name, price_cents from product order by name, sku",
        rs -> new Product(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
  }

  /** How many products the register knows. */
  public int size() {
    return db.query("select count(*) from product", rs -> rs.getInt(1)).orElse(0);
  }

  /**
   * Applies a sync in ONE transaction: the products, then the new cursor and tax rate. A crash
   * (or {@code beforeCommit} throwing) at any point leaves the catalog and cursor as they were,
   * so the next sync asks again from the old cursor.
   *
   * @param progress called with the number of products applied so far
   * @param beforeCommit runs inside the transaction after everything was written
   */
  public List<Change> apply(List<Product> products, String cursor, String taxRate, IntConsumer progress,
      Runnable beforeCommit) {
    return db.inTransaction(c -> {
      List<Change> changes = new ArrayList<>();
      try (PreparedStatement old = c.prepareStatement("select price_cents from product where id = ?");
           PreparedStatement sameSku = c.prepareStatement("delete from product where sku = ? and id <> ?");
           PreparedStatement upsert = c.prepareStatement("insert into product(id, sku, name, price_cents)"
               + " values (?, ?, ?, ?) on conflict(id) do update set sku = excluded.sku, name = excluded.name,"
               + " price_cents = excluded.price_cents")) {
        int done = 0;
        for (Product p : products) {
          changes.add(new Change(p.sku(), p.name(), oldPrice(old, p.id()), p.priceCents()));
          // a SKU freed by one product and taken by another in the same pull
          sameSku.setString(1, p.sku());
          sameSku.setString(2, p.id());
          sameSku.executeUpdate();
          upsert.setString(1, p.id());
          upsert.setString(2, p.sku());
          upsert.setString(3, p.name());
          upsert.setLong(4, p.priceCents());
          upsert.executeUpdate();
          progress.accept(++done);
        }
      }
      saveSyncState(c, cursor, taxRate, products.size());
      beforeCommit.run();
      return changes;
    });
  }

  private static Long oldPrice(PreparedStatement old, String id) throws SQLException {
    old.setString(1, id);
    try (ResultSet rs = old.executeQuery()) {
      return rs.next() ? rs.getLong(1) : null;
    }
  }

  private static void saveSyncState(Connection c, String cursor, String taxRate, int changes) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("update sync_state set cursor = ?, tax_rate = ?, last_sync_at = ?,"
        + " last_sync_changes = ? where singleton = 1")) {
      p.setString(1, cursor);
      p.setString(2, taxRate);
      p.setString(3, Instant.now().toString());
      p.setInt(4, changes);
      p.executeUpdate();
    }
  }
}
