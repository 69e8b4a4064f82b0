-- Tenantry 0.2.2: register keys keyed by company, and the key-hash lookup as a directory of its own (issue 24, the
-- road to Citus). Shipped by tenantry-spring-boot-starter; applies after V0_1_1 and core's V0_2_1.
--  * tenantry_register_key: primary key (company_id, id) in place of (id) and unique (company_id, id); its key_hash
--    is no longer unique across companies (a tenant table keeps only constraints that include company_id).
--  * tenantry_register_key_lookup: key hash -> (company, key id), unique platform-wide, the one read made before a
--    tenant is known (X-Register-Key). Global data, not tenant data: its company column is deliberately not called
--    company_id, so that Tenantry's audit, its Citus readiness and the clusters' company export treat the table as
--    global (a reference table on Citus, the home cluster's with several clusters). Only the system login needs it:
--    revoke it from the application role (the reference POS does). Written by the system login when a key is issued
--    (JpaRegisterKeys); a row whose key is gone (register or company deleted) is inert: the key row decides.
select tenantry_key_by_company('tenantry_register_key'); -- core's V0_2_1

create table tenantry_register_key_lookup (
  register_key_id  uuid primary key,
  key_hash         bytea not null check (octet_length(key_hash) = 32),
  company          uuid not null,
  constraint tenantry_register_key_lookup_hash_key unique (key_hash)
);

-- the keys issued so far (run by a login that sees every row: before row-level security, or the owner/superuser)
insert into tenantry_register_key_lookup (register_key_id, key_hash, company)
  select id, key_hash, company_id from tenantry_register_key;

alter table tenantry_register_key drop constraint if exists tenantry_register_key_hash_key;
