package com.example.shop;

import io.tenantry.hibernate.rls.TenantryPolicies;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** No database needed: the committed policy migration is what the entities generate today. */
class PolicyMigrationTest {

  @Test
  void policyMigrationIsCurrent() {
    TenantryPolicies.scan("com.example.shop").systemRole("shop_system")
        .assertMigrationCurrent(Path.of("src/main/resources/db/migration/V2__tenantry_policies.sql"));
  }
}
