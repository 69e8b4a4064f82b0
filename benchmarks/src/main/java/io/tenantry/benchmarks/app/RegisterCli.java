package io.tenantry.benchmarks.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The offline register client ({@code examples/register-client/target/register.jar}) run as a process, as a
 * register would run it; the key travels in {@code TENANTRY_REGISTER_KEY}, never on the command line.
 */
public final class RegisterCli {

  /** What one command did. */
  public record Run(int exitCode, double seconds, String output) {}

  private final Path jar;
  private final Path db;
  private final String key;

  public RegisterCli(Path db, String key) {
    this.jar = jar();
    this.db = db;
    this.key = key;
  }

  /** {@code -Dtenantry.register.jar=...}, else the client module's build output from the repository root. */
  public static Path jar() {
    String configured = System.getProperty("tenantry.register.jar");
    Path p = configured != null ? Path.of(configured) : Path.of("examples", "register-client", "target", "register.jar");
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException("The register push benchmark runs the register client from " + p.toAbsolutePath()
          + ", which is missing. Build it from the repository root: mvn -B -q -pl benchmarks,examples/pos,"
          + "examples/register-client -am package -DskipTests (or set -Dtenantry.register.jar=PATH)");
    }
    return p;
  }

  /** Runs {@code register <args> --db FILE}; fails unless the exit code is one of {@code ok}. */
  public Run run(List<String> args, int... ok) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar.toAbsolutePath().toString()));
    cmd.addAll(args);
    cmd.addAll(List.of("--db", db.toString()));
    ProcessBuilder b = new ProcessBuilder(cmd).redirectErrorStream(true);
    Map<String, String> env = b.environment();
    env.put("TENANTRY_REGISTER_KEY", key);
    long t0 = System.nanoTime();
    Process p = b.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = p.waitFor();
    double seconds = (System.nanoTime() - t0) / 1e9;
    for (int o : ok) {
      if (o == code) {
        return new Run(code, seconds, out);
      }
    }
    throw new IllegalStateException("register " + String.join(" ", args) + " exited with " + code + ":\n" + out);
  }
}
