package io.tenantry.examples.register;

import io.tenantry.examples.register.local.LocalCatalog;
import io.tenantry.examples.register.local.LocalDatabase;
import io.tenantry.examples.register.local.Money;
import io.tenantry.examples.register.local.SaleJournal;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code register sell SKU:QTY ...}: records a sale locally; never needs the server. */
@Command(name = "sell", mixinStandardHelpOptions = true,
    header = "Records a sale locally; works without the server.",
    description = {"Records a sale in the local journal, priced from the local catalog with the tax rate of the last "
        + "sync, under a new clientSaleId. Works with no server at all; 'push' sends it later. The sale is on disk "
        + "(a durable SQLite commit) before this command prints it."})
final class SellCommand implements Callable<Integer> {

  /** The POS accepts at most this many lines per sale. */
  static final int MAX_LINES = 500;

  @Spec
  CommandSpec spec;

  @Mixin
  DatabaseOption db;

  @Parameters(arity = "1..*", paramLabel = "SKU[:QTY]",
      description = "What is sold: a SKU and a quantity from 1 to 10000 (default 1), e.g. MILK:2 BREAD.")
  List<String> items;

  @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
      description = "Records N identical sales, each with its own clientSaleId, in one transaction: fills a register "
          + "for a load test (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Option(names = "--customer", paramLabel = "ID",
      description = "The customer's id (a UUID from the POS, e.g. from the register screen's customer search): the push "
          + "sends it and the server awards the customer's loyalty points. Checked by the server, not here.")
  String customerId;

  @Override
  public Integer call() {
    if (repeat < 1 || repeat > 1_000_000) {
      throw new ParameterException(spec.commandLine(), "--repeat must be from 1 to 1000000, was " + repeat + ".");
    }
    if (items.size() > MAX_LINES) {
      throw new ParameterException(spec.commandLine(), "A sale has at most " + MAX_LINES + " lines; this one has "
          + items.size() + ".");
    }
    SaleJournal.Customer customer;
    try {
      customer = customerId == null ? null : new SaleJournal.Customer(customerId, null, null);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--customer: " + e.getMessage());
    }
    List<Item> wanted = items.stream().map(this::parse).toList();
    PrintWriter out = spec.commandLine().getOut();
    try (LocalDatabase local = LocalDatabase.open(db.file)) {
      LocalDatabase.SyncState sync = local.syncState();
      if (!sync.everSynced()) {
        throw new CommandFailure(ExitCodes.NOT_SELLABLE, "This register has no catalog yet: run 'register sync --db "
            + db.file + "' once while the server is reachable.");
      }
      LocalCatalog catalog = new LocalCatalog(local);
      List<SaleJournal.Line> lines = new ArrayList<>();
      for (Item item : wanted) {
        lines.add(line(catalog, item, sync));
      }
      long started = System.nanoTime();
      SaleJournal journal = new SaleJournal(local);
      SaleJournal.Sale sale = journal.record(lines, new BigDecimal(sync.taxRate()), repeat, customer);
      long millis = (System.nanoTime() - started) / 1_000_000;
      if (repeat == 1) {
        receipt(out, sale);
      } else {
        out.printf("Recorded %d sales of %s each in %d ms (first clientSaleId %s).%n", repeat,
            Money.format(sale.totalCents()), millis, sale.clientSaleId());
      }
      SaleJournal.Summary summary = journal.summary();
      out.printf("%d sale%s pending (%s), to be sent by 'register push'.%n", summary.pending(),
          summary.pending() == 1 ? "" : "s", Money.format(summary.pendingTotalCents()));
    }
    return ExitCodes.OK;
  }

  private record Item(String sku, int quantity) {}

  private Item parse(String item) {
    int colon = item.lastIndexOf(':');
    String sku = colon < 0 ? item : item.substring(0, colon);
    int quantity = 1;
    if (colon >= 0) {
      try {
        quantity = Integer.parseInt(item.substring(colon + 1));
      } catch (NumberFormatException e) {
        quantity = -1;
      }
    }
    if (sku.isBlank() || quantity < 1 || quantity > 10_000) {
      throw new ParameterException(spec.commandLine(), "'" + item + "' is not SKU[:QTY] with a quantity from 1 to"
          + " 10000, e.g. MILK:2.");
    }
    return new Item(sku, quantity);
  }

  private static SaleJournal.Line line(LocalCatalog catalog, Item item, LocalDatabase.SyncState sync) {
    LocalCatalog.Product p = catalog.bySku(item.sku()).orElseThrow(() -> new CommandFailure(ExitCodes.NOT_SELLABLE,
        "Unknown SKU '" + item.sku() + "': not in this store's catalog as of the last sync (" + sync.lastSyncAt() + ", "
            + catalog.size() + " products). Check the code, or run 'register sync' if it was added since."));
    return new SaleJournal.Line(p.id(), p.sku(), p.name(), item.quantity(), p.priceCents());
  }

  private static void receipt(PrintWriter out, SaleJournal.Sale sale) {
    out.printf("Sale %s recorded locally at %s:%n", sale.clientSaleId(), sale.createdAt());
    for (SaleJournal.Line l : sale.lines()) {
      out.printf("  %-16s %-30s %5d x %8s = %9s%n", l.sku(), l.name(), l.quantity(), Money.format(l.unitPriceCents()),
          Money.format(l.unitPriceCents() * l.quantity()));
    }
    out.printf("  subtotal %s, tax %s, total %s%n", Money.format(sale.subtotalCents()), Money.format(sale.taxCents()),
        Money.format(sale.totalCents()));
  }
}
