package io.tenantry.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The generated configuration metadata tells the truth about {@link TenantryProperties}: every default it names is
 * the default the class holds (bound the way Spring Boot binds it, so "30s" must be 30 seconds), and a property
 * without a default in the metadata has none in the class either. IDE completion and the property table of
 * docs/starter.md both come from this metadata.
 */
class ConfigurationMetadataTest {

  @Test
  @SuppressWarnings("unchecked")
  void everyDefaultInTheMetadataShouldBeTheDefaultOfTheClass() {
    List<Map<String, Object>> properties = (List<Map<String, Object>>) PropertyTable.metadata().get("properties");
    List<Map<String, Object>> tenantry = properties.stream()
        .filter(p -> ((String) p.get("name")).startsWith("tenantry.")).toList();
    BeanWrapperImpl defaults = new BeanWrapperImpl(new TenantryProperties());
    assertThat(tenantry).hasSize(28);

    for (Map<String, Object> property : tenantry) {
      String name = (String) property.get("name");
      String path = beanPath(name.substring("tenantry.".length()));
      Object actual = defaults.getPropertyValue(path);
      Object metadataDefault = property.get("defaultValue");
      if (metadataDefault == null) {
        assertThat(actual).as("%s has no default in the metadata, so the class must have none", name).isNull();
        continue;
      }
      String text = metadataDefault instanceof List<?> list
          ? list.stream().map(String::valueOf).collect(Collectors.joining(",")) : String.valueOf(metadataDefault);
      TenantryProperties bound = new Binder(new MapConfigurationPropertySource(Map.of(name, text)))
          .bind("tenantry", TenantryProperties.class).get();
      assertThat(new BeanWrapperImpl(bound).getPropertyValue(path))
          .as("%s: the metadata's default '%s' bound as Spring Boot binds it", name, text).isEqualTo(actual);
    }
  }

  /** {@code rls.one-login.app-role} to {@code rls.oneLogin.appRole}. */
  private static String beanPath(String kebab) {
    StringBuilder path = new StringBuilder();
    boolean upper = false;
    for (char c : kebab.toCharArray()) {
      if (c == '-') {
        upper = true;
      } else {
        path.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return path.toString();
  }
}
