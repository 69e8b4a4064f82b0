package io.tenantry.examples.register;

import io.tenantry.examples.register.local.LocalDatabaseException;
import io.tenantry.examples.register.server.ServerRefusedException;
import io.tenantry.examples.register.server.ServerUnreachableException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code register}: an offline-first register. {@code init} once, {@code sync} when the server is
 * reachable, {@code sell} always, {@code push} whenever, {@code status} to see where things stand.
 */
@Command(name = "register", mixinStandardHelpOptions = true, version = "tenantry register client 0.1.0",
    description = {"An offline-first register for the Tenantry POS: sells from its own local database, with or "
        + "without the server, and pushes each sale to the server exactly once."},
    subcommands = {InitCommand.class, SyncCommand.class, SellCommand.class, PushCommand.class, StatusCommand.class, ServeCommand.class,
        CommandLine.HelpCommand.class},
    footer = {"", "Start: register init --server http://localhost:8080 --key trk_... ; register sync ;"
        + " register sell MILK:2 ; register push"})
public final class RegisterCli implements Runnable {

  @Spec
  CommandSpec spec;

  /** Runs a command and exits with its exit code ({@link ExitCodes}). */
  public static void main(String[] args) {
    System.exit(run(System.out, System.err, args));
  }

  /** Runs a command with the given output streams and returns its exit code, without exiting. */
  public static int run(PrintStream out, PrintStream err, String... args) {
    return run(new PrintWriter(out, true, StandardCharsets.UTF_8), new PrintWriter(err, true, StandardCharsets.UTF_8),
        args);
  }

  /** Runs a command with the given writers and returns its exit code, without exiting. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new RegisterCli());
    cli.setOut(out);
    cli.setErr(err);
    describeExitCodes(cli);
    cli.setExecutionExceptionHandler((e, command, parsed) -> {
      int code = exitCode(e);
      command.getErr().println("register " + command.getCommandName() + ": " + e.getMessage());
      if (code == ExitCodes.SOFTWARE) {
        e.printStackTrace(command.getErr());
      }
      command.getErr().flush();
      return code;
    });
    try {
      return cli.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing command: init, sync, sell, push, status or serve.");
  }

  private static int exitCode(Exception e) {
    if (e instanceof CommandFailure f) {
      return f.exitCode();
    }
    if (e instanceof LocalDatabaseException) {
      return ExitCodes.LOCAL_DATABASE;
    }
    if (e instanceof ServerUnreachableException) {
      return ExitCodes.SERVER_UNREACHABLE;
    }
    if (e instanceof ServerRefusedException) {
      return ExitCodes.SERVER_REFUSED;
    }
    return ExitCodes.SOFTWARE;
  }

  private static void describeExitCodes(CommandLine cli) {
    cli.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCodes.help());
    cli.getSubcommands().values().forEach(RegisterCli::describeExitCodes);
  }
}
