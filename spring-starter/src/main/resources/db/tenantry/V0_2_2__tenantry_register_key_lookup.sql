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
do $$
declare
  pk record;
  uq name;
  fk record;
  readd text[] := '{}';
  s text;
begin
  select c.conname, c.conindid, array(select a.attname::text from unnest(c.conkey) with ordinality k(n, i)
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i) as cols
    into pk from pg_constraint c where c.conrelid = 'tenantry_register_key'::regclass and c.contype = 'p';
  if pk.cols = array['company_id', 'id'] then
    return;
  end if;
  for fk in select c.conname, c.conrelid::regclass as tab from pg_constraint c
      where c.contype = 'f' and c.confrelid = 'tenantry_register_key'::regclass and c.conindid = pk.conindid loop
    raise exception 'Foreign key % of table % references tenantry_register_key(id) alone, which loses its key in '
      'Tenantry 0.2.2. Point it at (company_id, id) first: alter table % drop constraint %, add foreign key '
      '(company_id, <column>) references tenantry_register_key (company_id, id)', fk.conname, fk.tab, fk.tab, fk.conname;
  end loop;
  select c.conname into uq from pg_constraint c where c.conrelid = 'tenantry_register_key'::regclass and c.contype = 'u'
    and c.conkey = array[(select attnum from pg_attribute where attrelid = c.conrelid and attname = 'company_id'),
                         (select attnum from pg_attribute where attrelid = c.conrelid and attname = 'id')]::int2[];
  if uq is not null then
    for fk in select c.conname, c.conrelid::regclass as tab, pg_get_constraintdef(c.oid) as def from pg_constraint c
        where c.contype = 'f' and c.confrelid = 'tenantry_register_key'::regclass
          and c.conindid = (select u.conindid from pg_constraint u where u.conrelid = c.confrelid and u.conname = uq) loop
      execute format('alter table %s drop constraint %I', fk.tab, fk.conname);
      readd := readd || format('alter table %s add constraint %I %s', fk.tab, fk.conname, fk.def);
    end loop;
    execute format('alter table tenantry_register_key drop constraint %I', uq);
  end if;
  execute format('alter table tenantry_register_key drop constraint %I, add constraint %I primary key (company_id, id)',
    pk.conname, pk.conname);
  foreach s in array readd loop
    execute s;
  end loop;
end
$$;

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
