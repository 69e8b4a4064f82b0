package io.tenantry.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantry.core.model.CompanyId;
import io.tenantry.core.model.RegisterOwned;
import io.tenantry.core.model.StoreId;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class TenantColumnsModuleTest {

  /** A register-owned entity bound straight from a request body, the risky way. */
  static class Sale extends RegisterOwned {
    private String total;

    public String getTotal() {
      return total;
    }

    public void setTotal(String total) {
      this.total = total;
    }
  }

  @Test
  void tenantColumnsInABodyAreIgnoredButStillWritten() {
    JsonMapper withModule = JsonMapper.builder().addModule(new TenantColumnsModule()).build();
    String body = "{\"total\":\"9.99\",\"companyId\":\"" + UUID.randomUUID() + "\",\"storeId\":\""
        + UUID.randomUUID() + "\",\"registerId\":\"" + UUID.randomUUID() + "\"}";
    Sale sale = withModule.readValue(body, Sale.class);
    assertThat(sale.getTotal()).isEqualTo("9.99");
    assertThat(sale.getCompanyId()).isNull();
    assertThat(sale.getStoreId()).isNull();
    assertThat(sale.getRegisterId()).isNull();
    assertThat(withModule.writeValueAsString(sale)).contains("\"companyId\"", "\"storeId\"", "\"registerId\"");
  }

  /** The application's own base class: the tenant is declared with the annotations instead. */
  abstract static class Audited {
    private String createdBy;

    public String getCreatedBy() {
      return createdBy;
    }

    public void setCreatedBy(String createdBy) {
      this.createdBy = createdBy;
    }
  }

  /** A store-owned entity declared with the annotations, its tenant fields named as the application likes. */
  static class Shift extends Audited {
    @CompanyId
    private UUID owner;
    @StoreId
    private UUID shop;
    private String name;

    public UUID getOwner() {
      return owner;
    }

    public void setOwner(UUID owner) {
      this.owner = owner;
    }

    public UUID getShop() {
      return shop;
    }

    public void setShop(UUID shop) {
      this.shop = shop;
    }

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }
  }

  @Test
  void annotatedTenantFieldsInABodyAreIgnoredButStillWritten() {
    JsonMapper withModule = JsonMapper.builder().addModule(new TenantColumnsModule()).build();
    String body = "{\"name\":\"late\",\"createdBy\":\"ann\",\"owner\":\"" + UUID.randomUUID()
        + "\",\"shop\":\"" + UUID.randomUUID() + "\"}";
    Shift shift = withModule.readValue(body, Shift.class);
    assertThat(shift.getName()).isEqualTo("late");
    assertThat(shift.getCreatedBy()).isEqualTo("ann");
    assertThat(shift.getOwner()).isNull();
    assertThat(shift.getShop()).isNull();
    shift.setOwner(UUID.randomUUID());
    assertThat(withModule.writeValueAsString(shift)).contains("\"owner\"", "\"shop\"");
    // without the module, the same body would move the row into another company
    assertThat(JsonMapper.builder().build().readValue(body, Shift.class).getOwner()).isNotNull();
  }

  @Test
  void withoutTheModuleJacksonWouldAssignThem() {
    UUID company = UUID.randomUUID();
    Sale sale = JsonMapper.builder().build().readValue("{\"companyId\":\"" + company + "\"}", Sale.class);
    assertThat(sale.getCompanyId()).isEqualTo(company);
  }
}
