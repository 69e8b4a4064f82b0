package io.tenantry.examples.register;

import io.tenantry.examples.register.local.Identity;
import io.tenantry.examples.register.server.PosClient;
import io.tenantry.examples.register.server.RetryPolicy;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How to talk to the server: timeout and retries, shared by the commands that call it. */
final class ServerOptions {

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
      description = "How long one request may take, connecting included (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(names = "--max-attempts", paramLabel = "N", defaultValue = "6",
      description = "Tries per request before giving up; waits double between tries (default: ${DEFAULT-VALUE}).")
  int maxAttempts;

  @Option(names = "--retry-delay", paramLabel = "MILLIS", defaultValue = "250", hidden = true,
      description = "The first wait between tries; later waits double, up to 8 s.")
  long retryDelayMillis;

  PosClient client(String serverUrl, String key) {
    if (timeoutSeconds < 1 || maxAttempts < 1 || retryDelayMillis < 0) {
      throw new CommandFailure(ExitCodes.USAGE, "--timeout and --max-attempts must be at least 1, --retry-delay"
          + " at least 0.");
    }
    Duration first = Duration.ofMillis(retryDelayMillis);
    Duration max = Duration.ofSeconds(8).compareTo(first) < 0 ? first : Duration.ofSeconds(8);
    return new PosClient(serverUrl, key, Duration.ofSeconds(timeoutSeconds), new RetryPolicy(maxAttempts, first, max));
  }

  PosClient client(Identity identity) {
    return client(identity.serverUrl(), identity.key());
  }
}
