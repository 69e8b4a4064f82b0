package io.tenantry.examples.register;

import io.tenantry.examples.register.local.Identity;
import io.tenantry.examples.register.local.LocalCatalog;
import io.tenantry.examples.register.local.LocalDatabase;
import io.tenantry.examples.register.local.Money;
import io.tenantry.examples.register.server.PosClient;
import io.tenantry.examples.register.server.ServerRefusedException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code register sync}: pulls the store's catalog changes since the cursor. */
@Command(name = "sync", mixinStandardHelpOptions = true,
    header = "Pulls the store's catalog changes since the last sync.",
    description = {"Pulls this store's catalog changes (new products, price changes, removed store overrides) since "
        + "the last sync, and the tax rate, and applies them in one local transaction: killed at any point, the "
        + "register keeps the catalog and cursor it had, and the next sync asks again. Shows a progress bar on large "
        + "pulls. Prices of other stores never reach this register: the server sends this store's effective prices."})
final class SyncCommand implements Callable<Integer> {

  private static final int LISTED = 20;

  @Spec
  CommandSpec spec;

  @Mixin
  DatabaseOption db;

  @Mixin
  ServerOptions server;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (LocalDatabase local = LocalDatabase.open(db.file)) {
      Identity identity = local.identity();
      String cursor = local.syncState().cursor();
      PosClient client = server.client(identity);
      PosClient.RegisterStore store = client.store();
      if (!store.id().equals(identity.storeId())) {
        throw new ServerRefusedException("The key of " + db.file + " now acts for store '" + store.name() + "' ("
            + store.id() + "), but this database holds the catalog and sales of store '" + identity.storeName() + "' ("
            + identity.storeId() + "); refusing to mix them. Initialise a new --db file for that store.");
      }
      BigDecimal taxRate = client.taxRate();
      PosClient.CatalogChanges changes = client.catalogSince(cursor);
      List<LocalCatalog.Product> products = new ArrayList<>();
      for (PosClient.Product p : changes.products()) {
        products.add(new LocalCatalog.Product(p.id(), p.sku(), p.name(), Money.cents(p.price())));
      }
      ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), "applying", products.size());
      LocalCatalog catalog = new LocalCatalog(local);
      List<LocalCatalog.Change> applied = catalog.apply(products, changes.cursor(), taxRate.toPlainString(),
          bar::update, () -> Checkpoints.reached("sync-before-commit"));
      bar.finish(products.size());
      out.printf("Synced store '%s' from %s: %d change%s (cursor %s -> %s); %d products, tax rate %s.%n",
          identity.storeName(), identity.serverUrl(), applied.size(), applied.size() == 1 ? "" : "s",
          cursor == null ? "none" : cursor, changes.cursor(), catalog.size(), taxRate.toPlainString());
      applied.stream().limit(LISTED).forEach(c -> out.printf("  %-16s %-30s %s%n", c.sku(), c.name(),
          c.oldPriceCents() == null ? "new, " + Money.format(c.newPriceCents())
              : c.oldPriceCents() == c.newPriceCents() ? Money.format(c.newPriceCents())
              : Money.format(c.oldPriceCents()) + " -> " + Money.format(c.newPriceCents())));
      if (applied.size() > LISTED) {
        out.printf("  ... and %d more%n", applied.size() - LISTED);
      }
    }
    return ExitCodes.OK;
  }
}
