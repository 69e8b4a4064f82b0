package io.tenantry.spring.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@WithTenant(company = WithTenantExtensionTest.COMPANY)
class WithTenantExtensionTest {

  static final String COMPANY = "0190c6a1-0000-7000-8000-000000000001";
  static final String STORE = "0190c6a1-0000-7000-8000-0000000000a1";
  static final String STORE_2 = "0190c6a1-0000-7000-8000-0000000000a2";
  static final String REGISTER = "0190c6a1-0000-7000-8000-0000000000f1";

  @BeforeEach
  @AfterEach
  void nothingBoundOutsideTheTestMethod() {
    assertThat(Tenancy.find()).isEmpty();
  }

  @Test
  void theClassAnnotationBindsTheWholeCompany() {
    TenantContext ctx = Tenancy.current();
    assertThat(ctx.companyId()).isEqualTo(UUID.fromString(COMPANY));
    assertThat(ctx.allStoresGranted()).isTrue();
    assertThat(ctx.principal()).contains("test");
  }

  @Test
  @WithTenant(company = COMPANY, store = STORE, register = REGISTER, principal = "till 1")
  void aMethodAnnotationReplacesTheClassOne() {
    assertThat(Tenancy.current()).isEqualTo(TenantContext.builder(UUID.fromString(COMPANY))
        .store(UUID.fromString(STORE)).register(UUID.fromString(REGISTER)).principal("till 1").build());
  }

  @Test
  @WithTenant(company = COMPANY, stores = {STORE, STORE_2})
  void grantedStoresWithoutASelection() {
    assertThat(Tenancy.current().grantedStoreIds())
        .containsExactly(UUID.fromString(STORE), UUID.fromString(STORE_2));
    assertThat(Tenancy.current().storeId()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void parameterizedTestsAreBoundToo(int ignored) {
    assertThat(Tenancy.isBound()).isTrue();
  }

  @Nested
  class NestedTests {
    @Test
    void nestedClassesUseTheEnclosingAnnotation() {
      assertThat(Tenancy.current().companyId()).isEqualTo(UUID.fromString(COMPANY));
    }
  }

  @Test
  void aMalformedIdSaysWhatIsWrong() throws Exception {
    WithTenant bad = WithTenantExtensionTest.class.getDeclaredMethod("malformed").getAnnotation(WithTenant.class);
    assertThatThrownBy(() -> WithTenantExtension.toContext(bad))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("store = \"A1\"");
  }

  @WithTenant(company = COMPANY, store = "A1")
  void malformed() {}
}
