-- A library migration that no set-up names (TenantryMigrationsTest): it needs core's V0_1_0 and V0_2_0 before it.
create table tenantry_probe (step serial primary key, version text not null, company_columns int not null);
insert into tenantry_probe (version, company_columns)
  select '0.9.9', count(*) from information_schema.columns
  where table_schema = current_schema and table_name = 'tenantry_company' and column_name = 'deactivated_at';
