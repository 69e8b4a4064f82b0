package io.tenantry.examples.register;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the register CLI: in this JVM (fast), or as its own process that a test can kill. */
final class Cli {

  /** Exit code and what the command printed. */
  record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err;
    }
  }

  private Cli() {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = RegisterCli.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }

  /**
   * Starts the CLI in a new JVM with the test classpath; output goes to {@code log}.
   *
   * @param systemProperties e.g. {@code -Dtenantry.register.test.halt=...}
   */
  static Process spawn(Path log, List<String> systemProperties, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(PosServer.javaExecutable(), "-XX:TieredStopAtLevel=1", "-cp",
        classpath()));
    command.addAll(systemProperties);
    command.add(RegisterCli.class.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private static String classpath() {
    // surefire runs tests from a manifest-only jar; it publishes the real test classpath here
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path").replace(';', File.pathSeparatorChar);
  }
}
