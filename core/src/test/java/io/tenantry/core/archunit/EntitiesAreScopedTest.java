package io.tenantry.core.archunit;

import static io.tenantry.core.archunit.Fixtures.fixture;
import static io.tenantry.core.archunit.Fixtures.passes;
import static io.tenantry.core.archunit.Fixtures.violations;
import static io.tenantry.core.archunit.TenantryRules.ENTITIES_ARE_SCOPED;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EntitiesAreScopedTest {

  @Test
  void entitiesAreScoped_unscopedEntities() {
    String report = violations(ENTITIES_ARE_SCOPED, "entities.bad");

    assertThat(report)
        .contains("was violated (4 times)")
        .contains("because Tenantry scopes only entities that extend CompanyOwned, StoreOwned or RegisterOwned")
        .contains("Class <" + fixture("entities.bad.Coupon") + "> is an @Entity that no tenant filter scopes"
            + " in (Coupon.java:0): make it extend CompanyOwned, StoreOwned or RegisterOwned, "
            + "or annotate its company_id field @CompanyId (with @StoreId, @RegisterId for store or register rows), "
            + "or mark it @SharedAcrossTenants(\"why every tenant may see it\") if it is global on purpose")
        // an application base class is not a tenant base class
        .contains("Class <" + fixture("entities.bad.LegacyCustomer") + "> is an @Entity")
        .doesNotContain("LegacyBase>")
        // @StoreId without @CompanyId declares no owner
        .contains("Class <" + fixture("entities.bad.Drawer") + "> is an @Entity that no tenant filter scopes")
        // a blank reason is no reason
        .contains("Class <" + fixture("entities.bad.Voucher") + "> is @SharedAcrossTenants without a reason in "
            + "(Voucher.java:0): say why every tenant may see its rows")
        .doesNotContain("Class <" + fixture("entities.bad.Voucher") + "> is an @Entity that no tenant filter scopes");
  }

  /** Base classes, {@code @CompanyId} on the entity's own field or on its application base class's. */
  @Test
  void entitiesAreScoped_scopedEntities() {
    passes(ENTITIES_ARE_SCOPED, "entities.good");
  }

  /** The library's own entities would pass the rule even if the library were not skipped. */
  @Test
  void entitiesAreScoped_libraryEntitiesAreScopedWithoutExclusion() {
    List<JavaClass> entities = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.tenantry.core.model")
        .stream()
        .filter(ScopedTypes::isEntity)
        .collect(Collectors.toList());

    assertThat(entities).extracting(JavaClass::getSimpleName)
        .contains("Company", "UserAccount", "Membership", "StoreGrant", "Store", "Register", "TenantSetting");
    assertThat(entities).allMatch(ScopedTypes::isScoped);
  }
}
