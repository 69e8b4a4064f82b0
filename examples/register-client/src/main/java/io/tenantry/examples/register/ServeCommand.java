package io.tenantry.examples.register;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code register serve}: the long-running register with a selling screen on loopback. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    header = "Runs the register: a selling screen on this machine, sync and push in the background.",
    description = {"Serves a selling screen on http://127.0.0.1:PORT/ (loopback only) from the local database: scan or "
        + "search products, quantities, total with tax, receipt. Every sale is recorded locally first, exactly as "
        + "'sell' does. In the background it runs 'sync' and 'push' every --interval seconds, so it keeps selling while "
        + "the server is away and each sale lands once; the screen shows online / offline / N pending / parked. "
        + "Stop it with Ctrl+C."})
final class ServeCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  DatabaseOption db;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "8181",
      description = "Loopback port of the selling screen (default: ${DEFAULT-VALUE}; 0: any free port).")
  int port;

  @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "5",
      description = "Seconds between background sync-and-push rounds (default: ${DEFAULT-VALUE}).")
  int interval;

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65535 || interval < 1 || interval > 3600) {
      throw new CommandFailure(ExitCodes.USAGE, "--port must be 0 to 65535 and --interval 1 to 3600 seconds.");
    }
    try (RegisterScreen screen = RegisterScreen.start(db.file, port, interval * 1000L)) {
      PrintWriter out = spec.commandLine().getOut();
      out.printf("Register screen: http://127.0.0.1:%d/ (Ctrl+C stops it)%n", screen.port());
      out.flush();
      new CountDownLatch(1).await(); // until the process is stopped
    }
    return ExitCodes.OK;
  }
}
