package io.tenantry.core.model.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantry.core.model.CompanyId;
import io.tenantry.core.model.RegisterId;
import io.tenantry.core.model.RegisterOwned;
import io.tenantry.core.model.StoreId;
import io.tenantry.core.model.StoreOwned;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OwnershipTest {

  static class Sale extends RegisterOwned {}

  abstract static class AppBase {
    UUID id;
    @CompanyId UUID company;
  }

  static class Shift extends AppBase {
    @StoreId UUID shop;
  }

  /** What a Hibernate proxy or an enhanced class is: a subclass of the entity. */
  static class ShiftProxy extends Shift {}

  static class Till extends AppBase {
    @StoreId UUID shop;
    @RegisterId UUID till;
  }

  static class Plain {
    UUID companyId;
  }

  static class Both extends StoreOwned {
    @RegisterId UUID registerId;
  }

  @Test
  void of_baseClasses_usesTheirAttributes() {
    Ownership sale = Ownership.of(Sale.class);
    assertThat(sale.level()).isEqualTo(Ownership.Level.REGISTER);
    assertThat(sale.attributes()).containsExactly("companyId", "storeId", "registerId");
    assertThat(sale.annotated()).isFalse();
  }

  @Test
  void of_annotations_takesTheFieldsWhereverTheyAreDeclared() {
    Ownership shift = Ownership.of(Shift.class);
    assertThat(shift.level()).isEqualTo(Ownership.Level.STORE);
    assertThat(shift.attributes()).containsExactly("company", "shop");
    assertThat(shift.annotated()).isTrue();
    assertThat(Ownership.of(ShiftProxy.class)).isEqualTo(shift);
    assertThat(Ownership.of(Till.class).attributes()).containsExactly("company", "shop", "till");
    assertThat(Ownership.of(AppBase.class).level()).isEqualTo(Ownership.Level.COMPANY);
  }

  @Test
  void of_unmarkedClass_isNotOwned() {
    assertThat(Ownership.of(Plain.class)).isNull();
    assertThat(Ownership.isOwned(String.class)).isFalse();
  }

  @Test
  void of_baseClassAndAnnotation_namesTheFix_everyTime() {
    for (int i = 0; i < 2; i++) { // the refusal is cached with the class, and thrown again
      assertThatThrownBy(() -> Ownership.of(Both.class)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("extends StoreOwned, which already holds the tenant columns")
          .hasMessageContaining("@RegisterId on registerId");
    }
    assertThat(Ownership.annotatedFields(Both.class)).extracting(f -> f.getName()).isEqualTo(List.of("registerId"));
  }
}
