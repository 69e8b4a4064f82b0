package io.tenantry.examples.register;

import io.tenantry.examples.register.local.Identity;
import io.tenantry.examples.register.local.LocalDatabase;
import io.tenantry.examples.register.local.Money;
import io.tenantry.examples.register.local.SaleJournal;
import io.tenantry.examples.register.server.PosClient;
import io.tenantry.examples.register.server.SaleRejectedException;
import io.tenantry.examples.register.server.ServerRefusedException;
import io.tenantry.examples.register.server.ServerUnreachableException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code register push}: sends pending sales; each lands exactly once. */
@Command(name = "push", mixinStandardHelpOptions = true,
    header = "Sends pending sales to the server, each exactly once.",
    description = {"Sends every pending sale to the server, retrying with exponential backoff. Each sale carries the "
        + "clientSaleId it was recorded with, and the server records a clientSaleId once: a sale re-sent after a "
        + "timeout or after this command was killed is answered with the sale the server already has. A sale is "
        + "marked pushed only once the server answered 201 or 200.",
        "The server prices each sale itself; its total is recorded next to the local one and every difference is "
        + "listed (exit code 6). Sales the server rejects for their content (a 4xx) are parked: kept, listed and not "
        + "sent again (exit code 7). A sale the server fails on (HTTP 500 after every try) stays pending and the push "
        + "goes on with the others (exit code 9); after 3 such sales in a row it stops (exit code 4)."})
final class PushCommand implements Callable<Integer> {

  private static final int LISTED = 20;

  @Spec
  CommandSpec spec;

  @Mixin
  DatabaseOption db;

  @Mixin
  ServerOptions server;

  @Option(names = "--parallel", paramLabel = "N", defaultValue = "4",
      description = "Sales in flight at once, 1 to 32 (default: ${DEFAULT-VALUE}). The journal records them one at a time.")
  int parallel;

  /** What became of one sale. */
  private sealed interface Outcome permits Landed, Rejected, Held, Failed, Skipped {
    SaleJournal.Sale sale();
  }

  private record Landed(SaleJournal.Sale sale, PosClient.Pushed answer) implements Outcome {}

  private record Rejected(SaleJournal.Sale sale, SaleRejectedException reason) implements Outcome {}

  /** The server answered 500 on every try for this sale: it stays pending; the others go on. */
  private record Held(SaleJournal.Sale sale, ServerUnreachableException failure) implements Outcome {}

  private record Failed(SaleJournal.Sale sale, RuntimeException failure) implements Outcome {}

  /** Sales held in a row (no sale landed between them) after which the server is taken for broken: stop. */
  private static final int HELD_IN_A_ROW = 3;

  private record Skipped(SaleJournal.Sale sale) implements Outcome {}

  @Override
  public Integer call() throws InterruptedException {
    if (parallel < 1 || parallel > 32) {
      throw new ParameterException(spec.commandLine(), "--parallel must be from 1 to 32, was " + parallel + ".");
    }
    PrintWriter out = spec.commandLine().getOut();
    try (LocalDatabase local = LocalDatabase.open(db.file)) {
      Identity identity = local.identity();
      SaleJournal journal = new SaleJournal(local);
      List<SaleJournal.Sale> pending = journal.pending();
      if (pending.isEmpty()) {
        out.printf("Nothing to push: no pending sales (%d rejected earlier; see 'register status').%n",
            journal.summary().rejected());
        return ExitCodes.OK;
      }
      return push(out, identity, journal, pending);
    }
  }

  private int push(PrintWriter out, Identity identity, SaleJournal journal, List<SaleJournal.Sale> pending)
      throws InterruptedException {
    PosClient client = server.client(identity);
    long started = System.nanoTime();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger heldInARow = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
      Thread t = new Thread(r, "push");
      t.setDaemon(true);
      return t;
    });
    CompletionService<Outcome> sending = new ExecutorCompletionService<>(pool);
    pending.forEach(sale -> sending.submit(() -> send(client, sale, stop, heldInARow)));

    ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), "pushing", pending.size());
    String registerId = identity.registerId();
    int created = 0;
    int already = 0;
    int answered = 0;
    List<SaleJournal.Difference> differences = new ArrayList<>();
    List<Rejected> rejected = new ArrayList<>();
    List<Held> held = new ArrayList<>();
    RuntimeException failure = null;
    try {
      for (int done = 1; done <= pending.size(); done++) {
        Outcome outcome = next(sending);
        if (outcome instanceof Landed landed) {
          Checkpoints.reached("push-after-response:" + ++answered);
          RuntimeException wrong = foreign(identity, registerId, landed);
          if (wrong != null) {
            stop.set(true);
            failure = failure == null ? wrong : failure;
            continue;
          }
          PosClient.ServerSale sale = landed.answer().sale();
          journal.markPushed(landed.sale(), serverSale(landed), registerId == null ? sale.registerId() : null);
          registerId = sale.registerId();
          if (landed.answer().created()) {
            created++;
          } else {
            already++;
          }
          journal.difference(landed.sale()).ifPresent(differences::add);
        } else if (outcome instanceof Rejected r) {
          journal.markRejected(r.sale(), r.reason().getMessage());
          rejected.add(r);
        } else if (outcome instanceof Held h) {
          held.add(h);
        } else if (outcome instanceof Failed f && failure == null) {
          failure = f.failure();
        }
        bar.update(done);
      }
    } finally {
      pool.shutdownNow();
    }
    bar.finish(pending.size());
    return report(out, identity, pending.size(), created, already, differences, rejected, held, failure, started);
  }

  private static Outcome send(PosClient client, SaleJournal.Sale sale, AtomicBoolean stop, AtomicInteger heldInARow) {
    if (stop.get()) {
      return new Skipped(sale);
    }
    List<PosClient.SaleLine> lines = sale.lines().stream()
        .map(l -> new PosClient.SaleLine(l.productId(), l.quantity()))
        .toList();
    try {
      String customerId = sale.customer() == null ? null : sale.customer().id();
      Landed landed = new Landed(sale, client.pushSale(sale.clientSaleId(), customerId, lines));
      heldInARow.set(0);
      return landed;
    } catch (SaleRejectedException e) {
      heldInARow.set(0);
      return new Rejected(sale, e);
    } catch (ServerUnreachableException e) {
      if (e.lastStatus() == 500 && heldInARow.incrementAndGet() < HELD_IN_A_ROW) {
        // the server is there and failed on this sale (a bug it may have for this sale only): keep it pending and
        // go on with the others, rather than let one sale hold back every sale after it
        return new Held(sale, e);
      }
      stop.set(true); // the server is gone, or fails on everything: do not hammer it with the rest
      return new Failed(sale, e);
    } catch (ServerRefusedException e) {
      stop.set(true); // the server is gone or refuses us: do not hammer it with the rest
      return new Failed(sale, e);
    }
  }

  private static Outcome next(CompletionService<Outcome> sending) throws InterruptedException {
    try {
      return sending.take().get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("Sending a sale failed unexpectedly: " + e.getCause(), e.getCause());
    }
  }

  /** Why an answer does not belong to this register, or null when it does. */
  private static RuntimeException foreign(Identity identity, String registerId, Landed landed) {
    PosClient.ServerSale sale = landed.answer().sale();
    String problem = null;
    if (sale == null || !landed.sale().clientSaleId().equals(sale.clientSaleId())) {
      problem = "answered sale " + landed.sale().clientSaleId() + " with another sale";
    } else if (!identity.storeId().equals(sale.storeId())) {
      problem = "recorded sale " + sale.clientSaleId() + " at store " + sale.storeId() + ", not this register's store "
          + identity.storeId();
    } else if (registerId != null && !registerId.equals(sale.registerId())) {
      problem = "recorded sale " + sale.clientSaleId() + " for register " + sale.registerId() + ", not this register ("
          + registerId + ")";
    } else if (sale.lines() == null || sale.lines().size() != landed.sale().lines().size()) {
      problem = "answered sale " + sale.clientSaleId() + " with other lines than were sent";
    } else if (!java.util.Objects.equals(sale.customerId(),
        landed.sale().customer() == null ? null : landed.sale().customer().id())) {
      problem = "answered sale " + sale.clientSaleId() + " with customer " + sale.customerId() + ", not the one sent";
    }
    return problem == null ? null : new ServerRefusedException("The server " + problem + "; stopping, the sale stays"
        + " pending. Is this database (" + identity.serverUrl() + ", store '" + identity.storeName() + "') really this"
        + " register's?");
  }

  private static SaleJournal.ServerSale serverSale(Landed landed) {
    PosClient.ServerSale s = landed.answer().sale();
    return new SaleJournal.ServerSale(s.id(), landed.answer().created(), Money.cents(s.subtotal()), Money.cents(s.tax()),
        Money.cents(s.total()), s.lines().stream().map(l -> Money.cents(l.unitPrice())).toList());
  }

  private int report(PrintWriter out, Identity identity, int total, int created, int already,
      List<SaleJournal.Difference> differences, List<Rejected> rejected, List<Held> held, RuntimeException failure,
      long started) {
    long millis = (System.nanoTime() - started) / 1_000_000;
    out.printf("Pushed %d of %d pending sale%s to %s in %.1f s: %d new, %d already on the server%s.%n",
        created + already, total, total == 1 ? "" : "s", identity.serverUrl(), millis / 1000.0, created, already,
        already == 0 ? "" : " (sent before an interruption or a lost answer; the server kept each once)");
    if (!rejected.isEmpty()) {
      out.printf("Rejected by the server: %d sale%s, parked (kept locally, not sent again; the other sales went on;"
          + " see 'register status'):%n",
          rejected.size(), rejected.size() == 1 ? "" : "s");
      rejected.stream().limit(LISTED).forEach(r -> out.printf("  %s  %s%n", r.sale().clientSaleId(),
          r.reason().getMessage()));
    }
    if (!differences.isEmpty()) {
      out.printf("Server totals differ from the local ones for %d sale%s (the server prices every sale; the local"
          + " catalog was older - run 'register sync'):%n", differences.size(), differences.size() == 1 ? "" : "s");
      differences.stream().limit(LISTED).forEach(d -> out.printf("  %s  %s%n", d.clientSaleId(), d.describe()));
      if (differences.size() > LISTED) {
        out.printf("  ... and %d more ('register status' lists them)%n", differences.size() - LISTED);
      }
      long local = differences.stream().mapToLong(SaleJournal.Difference::localTotalCents).sum();
      long remote = differences.stream().mapToLong(SaleJournal.Difference::serverTotalCents).sum();
      out.printf("  together: local %s, server %s%n", Money.format(local), Money.format(remote));
    }
    if (!held.isEmpty()) {
      out.printf("The server failed (HTTP 500) on %d sale%s after every try; kept pending, sent again by the next push:%n",
          held.size(), held.size() == 1 ? "" : "s");
      held.stream().limit(LISTED).forEach(h -> out.printf("  %s  %s%n", h.sale().clientSaleId(),
          h.failure().getMessage()));
    }
    out.flush();
    if (failure != null) {
      int left = total - created - already - rejected.size();
      spec.commandLine().getErr().printf("%d sale%s still pending; they are safe here and go with the next push.%n",
          left, left == 1 ? "" : "s");
      throw failure;
    }
    if (!held.isEmpty()) {
      return ExitCodes.SALES_FAILED_ON_SERVER;
    }
    if (!rejected.isEmpty()) {
      return ExitCodes.SALES_REJECTED;
    }
    return differences.isEmpty() ? ExitCodes.OK : ExitCodes.TOTALS_DIFFER;
  }
}
