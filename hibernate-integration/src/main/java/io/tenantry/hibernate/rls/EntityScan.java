package io.tenantry.hibernate.rls;

import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.MappedSuperclass;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds the mapped classes ({@code @Entity}, {@code @Embeddable}, {@code @MappedSuperclass}) of
 * packages and their sub-packages on a class path, in directories and jars, without loading more than
 * their class files' names say; and the packages of Tenantry's own entities, which each library jar
 * lists in {@value #LIBRARY_PACKAGES}. A jar is found through its directory entries, which Maven and Gradle
 * write; classes in a jar without them (some hand-made or shaded jars) are not found, as with Spring's scanning:
 * name those classes instead.
 */
final class EntityScan {

  /** One package per line, in every Tenantry jar that holds entities (core; the starter's register keys). */
  static final String LIBRARY_PACKAGES = "META-INF/tenantry/entity-packages";

  private EntityScan() {}

  static List<String> libraryPackages(ClassLoader loader) {
    Set<String> packages = new LinkedHashSet<>();
    try {
      Enumeration<URL> lists = loader.getResources(LIBRARY_PACKAGES);
      while (lists.hasMoreElements()) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(lists.nextElement().openStream(),
            StandardCharsets.UTF_8))) {
          in.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(packages::add);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + LIBRARY_PACKAGES + " from the class path", e);
    }
    return new ArrayList<>(packages);
  }

  /** The mapped classes of the packages, sorted by name; a package with none is an error naming it. */
  static List<Class<?>> mappedClasses(ClassLoader loader, String packageName) {
    String path = packageName.replace('.', '/');
    Set<String> names = new TreeSet<>();
    try {
      Enumeration<URL> roots = loader.getResources(path);
      while (roots.hasMoreElements()) {
        URL root = roots.nextElement();
        if ("file".equals(root.getProtocol())) {
          Path dir = Path.of(root.toURI());
          try (Stream<Path> files = Files.walk(dir)) {
            files.filter(f -> f.toString().endsWith(".class"))
                .forEach(f -> names.add(className(path + "/" + dir.relativize(f).toString().replace('\\', '/'))));
          }
        } else if ("jar".equals(root.getProtocol())) {
          JarURLConnection connection = (JarURLConnection) root.openConnection();
          connection.setUseCaches(false);
          try (JarFile jar = connection.getJarFile()) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
              String entry = entries.nextElement().getName();
              if (entry.startsWith(path + "/") && entry.endsWith(".class")) {
                names.add(className(entry));
              }
            }
          }
        }
      }
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException("Cannot scan package " + packageName + " on the class path", e);
    }
    List<Class<?>> mapped = new ArrayList<>();
    for (String name : names) {
      if (name.endsWith("package-info") || name.endsWith("module-info")) {
        continue;
      }
      Class<?> type;
      try {
        type = Class.forName(name, false, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        throw new IllegalStateException("Cannot load " + name + " while scanning " + packageName
            + " for entities: put its dependencies on the class path", e);
      }
      if (type.isAnnotationPresent(Entity.class) || type.isAnnotationPresent(Embeddable.class)
          || type.isAnnotationPresent(MappedSuperclass.class)) {
        mapped.add(type);
      }
    }
    return mapped;
  }

  private static String className(String classFile) {
    return classFile.substring(0, classFile.length() - ".class".length()).replace('/', '.');
  }
}
