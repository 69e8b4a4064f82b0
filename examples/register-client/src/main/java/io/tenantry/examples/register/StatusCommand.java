package io.tenantry.examples.register;

import io.tenantry.examples.register.local.Identity;
import io.tenantry.examples.register.local.LocalCatalog;
import io.tenantry.examples.register.local.LocalDatabase;
import io.tenantry.examples.register.local.Money;
import io.tenantry.examples.register.local.SaleJournal;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code register status}: what this register holds; reads only the local database. */
@Command(name = "status", mixinStandardHelpOptions = true,
    header = "Shows store, last sync, pending sales, differences.",
    description = {"Shows the register's store and server, the last sync, pending sales, and every difference or "
        + "rejection the server reported. Reads only the local database: works offline."})
final class StatusCommand implements Callable<Integer> {

  private static final int LISTED = 10;

  @Spec
  CommandSpec spec;

  @Mixin
  DatabaseOption db;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (LocalDatabase local = LocalDatabase.open(db.file)) {
      Identity id = local.identity();
      LocalDatabase.SyncState sync = local.syncState();
      SaleJournal journal = new SaleJournal(local);
      SaleJournal.Summary sales = journal.summary();
      out.printf("Database:  %s%n", local.file().toAbsolutePath());
      out.printf("Store:     %s (%s)%n", id.storeName(), id.storeId());
      out.printf("Register:  %s%n", id.registerId() == null ? "id not known yet (learned from the first push)"
          : id.registerId());
      out.printf("Server:    %s, key %s%n", id.serverUrl(), id.keyFingerprint());
      out.printf("Last sync: %s%n", sync.everSynced()
          ? sync.lastSyncAt() + " (" + sync.lastSyncChanges() + " changes, cursor " + sync.cursor() + "), "
              + new LocalCatalog(local).size() + " products, tax rate " + sync.taxRate()
          : "never: run 'register sync'");
      out.printf("Pending:   %d sale%s, %s%n", sales.pending(), sales.pending() == 1 ? "" : "s",
          Money.format(sales.pendingTotalCents()));
      out.printf("Pushed:    %d sale%s, %d with a server total different from the local one%n", sales.pushed(),
          sales.pushed() == 1 ? "" : "s", sales.differing());
      out.printf("Rejected:  %d sale%s%s%n", sales.rejected(), sales.rejected() == 1 ? "" : "s", sales.rejected() == 0
          ? "" : " (parked: the server refused their content; kept here, never sent again)");
      if (sales.differing() > 0) {
        out.printf("Differences (newest %d):%n", Math.min(LISTED, sales.differing()));
        journal.differences(LISTED).forEach(d -> out.printf("  %s  %s%n", d.clientSaleId(), d.describe()));
      }
      if (sales.rejected() > 0) {
        out.printf("Rejections (newest %d):%n", Math.min(LISTED, sales.rejected()));
        journal.rejections(LISTED).forEach(r -> out.printf("  %s  %s%n", r.clientSaleId(), r.reason()));
      }
    }
    return ExitCodes.OK;
  }
}
