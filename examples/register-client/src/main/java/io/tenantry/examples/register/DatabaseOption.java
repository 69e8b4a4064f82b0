package io.tenantry.examples.register;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --db FILE}, shared by every command. */
final class DatabaseOption {

  @Option(names = "--db", paramLabel = "FILE", defaultValue = "${env:TENANTRY_REGISTER_DB:-register.db}",
      description = "The register's local database (default: ${DEFAULT-VALUE}; environment TENANTRY_REGISTER_DB).")
  Path file;
}
