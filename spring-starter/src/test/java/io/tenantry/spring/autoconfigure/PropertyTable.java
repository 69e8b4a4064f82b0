package io.tenantry.spring.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * The property table of {@code docs/starter.md}, generated from the configuration metadata that Spring Boot's
 * configuration processor writes at compile time ({@code META-INF/spring-configuration-metadata.json}: the
 * javadoc of {@link TenantryProperties}' fields, their defaults, and {@code additional-spring-configuration-metadata.json}).
 * The table sits between two markers in the document; {@link #replaceIn} swaps it for the generated one.
 */
final class PropertyTable {

  static final String BEGIN = "<!-- properties:begin (generated from the configuration metadata by PropertyTableTest; do not edit) -->";
  static final String END = "<!-- properties:end -->";

  private PropertyTable() {}

  /** The metadata this module's build generated, read from the class path. */
  static Map<String, Object> metadata() {
    try (InputStream in = PropertyTable.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      if (in == null) {
        throw new IllegalStateException("No META-INF/spring-configuration-metadata.json on the class path: the "
            + "spring-boot-configuration-processor (annotationProcessorPaths in spring-starter/pom.xml) did not run. "
            + "Compile the module with Maven: mvn -B -o -q test-compile -pl spring-starter -am");
      }
      return metadata(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> metadata(InputStream json) {
    return JsonMapper.builder().build().readValue(json, Map.class);
  }

  /** One Markdown row per property, sorted by name, as Spring Boot's appendix lists them. */
  @SuppressWarnings("unchecked")
  static String markdown(Map<String, Object> metadata) {
    List<Map<String, Object>> properties = (List<Map<String, Object>>) metadata.getOrDefault("properties", List.of());
    return properties.stream()
        .sorted(Comparator.comparing(p -> (String) p.get("name")))
        .map(p -> "| `" + p.get("name") + "` | " + defaultValue(p.get("defaultValue")) + " | "
            + (deprecation((Map<String, Object>) p.get("deprecation")) + text(p.get("description"))).trim() + " |\n")
        .collect(Collectors.joining("", "| property | default | description |\n|---|---|---|\n", ""));
  }

  private static String defaultValue(Object value) {
    if (value == null) {
      return "";
    }
    String text = value instanceof List<?> list
        ? list.stream().map(String::valueOf).collect(Collectors.joining(","))
        : String.valueOf(value);
    return "`" + text + "`";
  }

  private static String deprecation(Map<String, Object> deprecation) {
    if (deprecation == null) {
      return "";
    }
    Object replacement = deprecation.get("replacement");
    return "**Deprecated**" + (replacement == null ? "" : ", use `" + replacement + "`") + ". ";
  }

  /** The description as Markdown table text: one line, and no character that Markdown would read as syntax. */
  private static String text(Object description) {
    return description == null ? "" : String.valueOf(description).replaceAll("\\s+", " ").trim()
        .replace("|", "\\|").replace("*", "\\*").replace("_", "\\_");
  }

  /** The document with the table between the markers replaced by {@code table}. */
  static String replaceIn(String document, String table) {
    int begin = document.indexOf(BEGIN);
    int end = document.indexOf(END);
    if (begin < 0 || end < begin) {
      throw new IllegalStateException("The document has no '" + BEGIN + "' ... '" + END + "' section for the table");
    }
    return document.substring(0, begin + BEGIN.length()) + "\n" + table + document.substring(end);
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
