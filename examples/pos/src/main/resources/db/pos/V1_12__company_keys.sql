-- The POS tables keyed by (company_id, id) (issue 24, the road to Citus), as the library's tables since its V0_2_1
-- and with its function tenantry_key_by_company:
-- the primary key (company_id, id) replaces both the (id) key and unique (company_id, id), and the foreign keys that
-- pointed at unique (company_id, id) are re-created on it. The entities keep @Id id (docs/scale-out.md says why).
select tenantry_key_by_company('pos_catalog_clock', 'pos_product', 'pos_store_price', 'pos_employee',
  'pos_employee_store', 'pos_time_entry', 'pos_customer', 'pos_sale', 'pos_sale_line', 'pos_invitation');

-- The register-key directory (the starter's V0_2_2) is global data that only the system login reads and writes
-- (JpaRegisterKeys): the application role, which V1_0's default privileges let in, loses every privilege on it.
revoke all on tenantry_register_key_lookup from ${app_role};
