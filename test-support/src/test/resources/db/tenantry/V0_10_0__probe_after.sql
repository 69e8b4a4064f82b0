-- Sorts before V0_9_9 by name and after it by version (TenantryMigrationsTest): it needs V0_9_9's table.
insert into tenantry_probe (version, company_columns) values ('0.10.0', 0);
