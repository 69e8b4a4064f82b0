package io.tenantry.test.internal;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A cheap look for a Docker endpoint before Testcontainers is asked, since Testcontainers logs errors at length
 * when there is none. Anything it cannot judge (DOCKER_HOST, a Testcontainers config file, Windows) is left to
 * Testcontainers.
 */
final class DockerProbe {

  private DockerProbe() {
  }

  /** {@code null} if a Docker endpoint may exist, else why there is none. */
  static String whyNoEndpoint() {
    String home = System.getProperty("user.home", "");
    if (System.getenv("DOCKER_HOST") != null
        || Files.exists(Path.of(home, ".testcontainers.properties"))
        || System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win")) {
      return null;
    }
    List<Path> sockets = new ArrayList<>(List.of(Path.of("/var/run/docker.sock"),
        Path.of(home, ".docker", "run", "docker.sock"), Path.of(home, ".docker", "desktop", "docker.sock"),
        Path.of(home, ".colima", "default", "docker.sock"), Path.of(home, ".rd", "docker.sock")));
    String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
    if (runtimeDir != null) {
      sockets.add(Path.of(runtimeDir, "docker.sock"));
    }
    for (Path socket : sockets) {
      if (accepts(socket)) {
        return null;
      }
    }
    return "DOCKER_HOST is unset and no Docker socket accepts connections (looked at " + sockets + ")";
  }

  private static boolean accepts(Path socket) {
    if (!Files.exists(socket)) {
      return false;
    }
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      return channel.connect(UnixDomainSocketAddress.of(socket));
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }
}
