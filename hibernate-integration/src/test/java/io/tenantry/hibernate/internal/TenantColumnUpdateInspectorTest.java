package io.tenantry.hibernate.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantry.core.TenantIsolationException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every SQL shape that assigns a tenant column is refused; reads and ordinary updates pass. */
class TenantColumnUpdateInspectorTest {

  private final TenantColumnUpdateInspector inspector = new TenantColumnUpdateInspector(null, List.of("company_id", "store_id", "register_id", "shop_ref"));

  @ParameterizedTest
  @ValueSource(strings = {
      "update t_price_override set store_id=? where id=?",
      "UPDATE t_price_override AS o SET price = 1, o.\"STORE_ID\" = ?",
      "with id_cte(id) as (select p.id from t_payment p where p.company_id=?) update t_payment set store_id=? "
          + "where id in (select id from id_cte)",
      "with a as (update t_product set company_id = ? returning id) select count(*) from a",
      "update t_sale set (total, register_id) = (?, ?) where id = ?",
      "insert into t_product (id, company_id) values (?, ?) on conflict (id) do update set company_id = excluded.company_id",
      "merge into t_k_device t using s on t.id = s.id when matched then update set store_id = s.store_id",
      "update t_custom set shop_ref = ? where id = ?",
      "update public.t_product p set name = (select name from t_product where company_id = ?), company_id = ?"})
  void assignmentsOfTenantColumns_areRefused(String sql) {
    assertThatThrownBy(() -> inspector.inspect(sql)).isInstanceOf(TenantIsolationException.class)
        .hasMessageContaining("tenant columns never change");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "update t_price_override set price = ? where store_id = ? and company_id = ?",
      "update t_price_override set price = price + 0 from t_product p where p.company_id = t_price_override.company_id",
      "with id_cte(id) as (select p.id from t_payment p where p.store_id=?) update t_card_payment set last4=? "
          + "where id in (select id from id_cte)",
      "select * from t_product where company_id = ? for update",
      "update t_product set name = 'company_id = 1' where id = ?",
      "update t_sale set total = case when store_id = ? then 1 else 2 end where id = ?"})
  void everythingElse_passes(String sql) {
    assertThat(inspector.inspect(sql)).isEqualTo(sql);
  }
}
