package io.tenantry.examples.register;

import io.tenantry.examples.register.local.Identity;
import io.tenantry.examples.register.local.LocalDatabase;
import io.tenantry.examples.register.local.LocalDatabaseException;
import io.tenantry.examples.register.server.PosClient;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code register init}: binds a new local database to one register of one server. */
@Command(name = "init", mixinStandardHelpOptions = true,
    header = "Connects a new local database to a server and register key.",
    description = {"Creates this register's local database for a server and register key. The server checks the key "
        + "and names the register's store. Running it again with the same server and key does nothing; a database "
        + "initialised for another server or key is refused (use another --db file for another register).",
        "The key is kept in the database file (created readable by its owner only): a register syncs and pushes "
        + "unattended. Output shows only its fingerprint."})
final class InitCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  DatabaseOption db;

  @Mixin
  ServerOptions server;

  @Option(names = "--server", required = true, paramLabel = "URL",
      description = "The POS server, e.g. http://localhost:8080.")
  String serverUrl;

  @Option(names = "--key", paramLabel = "KEY", defaultValue = "${env:TENANTRY_REGISTER_KEY}",
      description = "The register key the server issued (trk_...); default: environment TENANTRY_REGISTER_KEY, which "
          + "keeps it out of the shell history and the process list.")
  String key;

  @Override
  public Integer call() {
    String url = normalise(serverUrl);
    if (key == null || key.isBlank()) {
      throw new ParameterException(spec.commandLine(), "Missing --key KEY (or the environment TENANTRY_REGISTER_KEY).");
    }
    key = key.strip();
    Optional<Identity> existing = LocalDatabase.existingIdentity(db.file);
    if (existing.isPresent()) {
      Identity id = existing.get();
      if (!id.isFor(url, key)) {
        throw new LocalDatabaseException(db.file + " is already the database of a register of store '" + id.storeName()
            + "' on " + id.serverUrl() + " (key " + id.keyFingerprint() + "); refusing to re-initialise it for " + url
            + " with key " + Identity.fingerprint(key) + ". Its pending sales belong to that register. Use another"
            + " --db file for another register.");
      }
      spec.commandLine().getOut().printf("%s is already initialised for this register: store '%s' on %s.%n",
          db.file, id.storeName(), id.serverUrl());
      return ExitCodes.OK;
    }
    PosClient client = server.client(url, key);
    PosClient.RegisterStore store = client.store();
    try (LocalDatabase created = LocalDatabase.create(db.file, url, key, store.id(), store.name())) {
      spec.commandLine().getOut().printf("Initialised %s: a register of store '%s' (%s) on %s, key %s.%n"
              + "Next: register sync --db %s%n", created.file(), store.name(), store.id(), url,
          Identity.fingerprint(key), db.file);
    }
    return ExitCodes.OK;
  }

  private String normalise(String url) {
    URI uri;
    try {
      uri = URI.create(url.strip());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--server '" + url + "' is not a URL: " + e.getMessage());
    }
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
        || uri.getQuery() != null || uri.getFragment() != null) {
      throw new ParameterException(spec.commandLine(), "--server must be an http(s) URL such as http://localhost:8080,"
          + " was '" + url + "'.");
    }
    String text = uri.toString();
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }
}
