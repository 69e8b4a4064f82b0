package io.tenantry.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The property table of {@code docs/starter.md} is the one generated from the configuration metadata. Change a
 * property or its field javadoc and this fails until the table is regenerated:
 *
 * <pre>
 * mvn -B -o -q test -pl spring-starter -am -Dtest=PropertyTableTest -Dsurefire.failIfNoSpecifiedTests=false -Dtenantry.properties.write=true
 * </pre>
 */
class PropertyTableTest {

  static final Path DOCUMENT = Path.of("../docs/starter.md");

  @Test
  void docsShouldHoldTheTableGeneratedFromTheMetadata() throws IOException {
    String committed = PropertyTable.read(DOCUMENT);
    String generated = PropertyTable.replaceIn(committed, PropertyTable.markdown(PropertyTable.metadata()));
    if (Boolean.getBoolean("tenantry.properties.write")) {
      Files.writeString(DOCUMENT, generated, StandardCharsets.UTF_8);
    }
    assertThat(committed)
        .as("The property table of docs/starter.md differs from the configuration metadata. Regenerate it with\n"
            + "  mvn -B -o -q test -pl spring-starter -am -Dtest=PropertyTableTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dtenantry.properties.write=true\nand commit it")
        .isEqualTo(generated);
  }

  @Test
  void tableShouldShowDefaultsDeprecationsAndEscapedDescriptions() {
    String json = """
        {"properties": [
          {"name": "x.b", "defaultValue": ["A", "B"], "description": "Roles | groups, or \\"*\\"\\n   for all_of them."},
          {"name": "x.a", "defaultValue": true, "description": "Whether."},
          {"name": "x.old", "deprecation": {"replacement": "x.a", "level": "warning"}},
          {"name": "x.c", "description": "No default."}
        ]}""";
    String table = PropertyTable.markdown(PropertyTable.metadata(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))));

    assertThat(table).isEqualTo("""
        | property | default | description |
        |---|---|---|
        | `x.a` | `true` | Whether. |
        | `x.b` | `A,B` | Roles \\| groups, or "\\*" for all\\_of them. |
        | `x.c` |  | No default. |
        | `x.old` |  | **Deprecated**, use `x.a`. |
        """);
  }

  @Test
  void replaceShouldKeepEverythingOutsideTheMarkersAndRefuseADocumentWithoutThem() {
    String document = "# Doc\n" + PropertyTable.BEGIN + "\nold table\n" + PropertyTable.END + "\nafter\n";

    assertThat(PropertyTable.replaceIn(document, "new table\n"))
        .isEqualTo("# Doc\n" + PropertyTable.BEGIN + "\nnew table\n" + PropertyTable.END + "\nafter\n");
    assertThatThrownBy(() -> PropertyTable.replaceIn("# Doc\n", "t\n"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("properties:begin");
  }

  @Test
  void metadataShouldDescribeEveryTenantryProperty() {
    Map<String, Object> metadata = PropertyTable.metadata();
    String table = PropertyTable.markdown(metadata);

    // every property of TenantryProperties has a description (its field javadoc) in the generated metadata
    assertThat(table.lines().filter(l -> l.startsWith("| `tenantry.")))
        .hasSize(28)
        .allSatisfy(row -> assertThat(row).doesNotEndWith("|  |"));
  }
}
