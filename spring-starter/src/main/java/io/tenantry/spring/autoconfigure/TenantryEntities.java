package io.tenantry.spring.autoconfigure;

import io.tenantry.core.model.Company;
import io.tenantry.spring.registerkey.RegisterKey;
import io.tenantry.spring.registerkey.RegisterKeyLookupEntry;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.io.ResourceLoader;
import org.springframework.orm.jpa.persistenceunit.MutablePersistenceUnitInfo;
import org.springframework.orm.jpa.persistenceunit.PersistenceManagedTypesScanner;

/**
 * The entity classes Tenantry maps: everything in {@code io.tenantry.core.model} (scanned, so new
 * model classes come along) and, when register keys are on, {@link RegisterKey} and its directory entry
 * {@link RegisterKeyLookupEntry}.
 */
final class TenantryEntities {

  private final List<String> classNames;

  TenantryEntities(ResourceLoader resourceLoader, boolean registerKeys) {
    List<String> names = new ArrayList<>(new PersistenceManagedTypesScanner(resourceLoader)
        .scan(Company.class.getPackageName())
        .getManagedClassNames());
    if (registerKeys) {
      names.add(RegisterKey.class.getName());
      names.add(RegisterKeyLookupEntry.class.getName());
    }
    this.classNames = List.copyOf(names);
  }

  List<String> classNames() {
    return classNames;
  }

  void addTo(MutablePersistenceUnitInfo unit) {
    for (String name : classNames) {
      if (!unit.getManagedClassNames().contains(name)) {
        unit.addManagedClassName(name);
      }
    }
  }
}
