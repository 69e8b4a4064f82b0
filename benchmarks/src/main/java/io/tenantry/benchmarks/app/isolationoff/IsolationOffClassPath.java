package io.tenantry.benchmarks.app.isolationoff;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A directory for the POS's class path ({@code -Dloader.path}) that holds this package's classes and the
 * auto-configuration entry naming {@link IsolationOffConfiguration}: what turns the same POS jar into the
 * isolation-off variant. Copied from the benchmark's own class path, so the POS gets these classes and nothing
 * else of the benchmark (whose shaded jar carries its own Hibernate, Jackson and driver).
 */
public final class IsolationOffClassPath {

  /**
   * Every class the configuration needs at run time (top-level classes only: no nested or anonymous ones). By
   * name: the benchmark's own process has no Spring on its class path, so it must not load them.
   */
  static final List<String> CLASSES = List.of(IsolationOffClassPath.class.getPackageName() + ".IsolationOffConfiguration",
      IsolationOffClassPath.class.getPackageName() + ".IsolationOffPostProcessor",
      IsolationOffClassPath.class.getPackageName() + ".UnscopedPersisterFactory");

  static final String IMPORTS = "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports";

  private IsolationOffClassPath() {}

  /** Writes the classes and the auto-configuration entry into {@code dir} and returns it. */
  public static Path writeTo(Path dir) throws IOException {
    for (String type : CLASSES) {
      String resource = type.replace('.', '/') + ".class";
      Path target = dir.resolve(resource);
      Files.createDirectories(target.getParent());
      try (InputStream in = IsolationOffClassPath.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("No class file " + resource + " on the benchmark's class path");
        }
        Files.copy(in, target);
      }
    }
    Path imports = dir.resolve(IMPORTS);
    Files.createDirectories(imports.getParent());
    Files.writeString(imports, CLASSES.get(0) + "\n");
    return dir;
  }
}
