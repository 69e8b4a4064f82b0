package io.tenantry.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantry.core.model.RegisterOwned;
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

  @Test
  void withoutTheModuleJacksonWouldAssignThem() {
    UUID company = UUID.randomUUID();
    Sale sale = JsonMapper.builder().build().readValue("{\"companyId\":\"" + company + "\"}", Sale.class);
    assertThat(sale.getCompanyId()).isEqualTo(company);
  }
}
