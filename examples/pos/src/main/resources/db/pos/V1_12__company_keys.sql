-- The POS tables keyed by (company_id, id) (issue 24, the road to Citus), as the library's tables since its V0_2_1:
-- the primary key (company_id, id) replaces both the (id) key and unique (company_id, id), and the foreign keys that
-- pointed at unique (company_id, id) are re-created on it. The entities keep @Id id (docs/scale-out.md says why).
do $$
declare
  t regclass;
  pk record;
  uq name;
  fk record;
  readd text[];
  s text;
begin
  foreach t in array array['pos_catalog_clock', 'pos_product', 'pos_store_price', 'pos_employee', 'pos_employee_store',
      'pos_time_entry', 'pos_customer', 'pos_sale', 'pos_sale_line', 'pos_invitation']::regclass[] loop
    select c.conname, c.conindid, array(select a.attname::text from unnest(c.conkey) with ordinality k(n, i)
        join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i) as cols
      into pk from pg_constraint c where c.conrelid = t and c.contype = 'p';
    if pk.cols = array['company_id', 'id'] then
      continue;
    end if;
    for fk in select c.conname, c.conrelid::regclass as tab from pg_constraint c
        where c.contype = 'f' and c.confrelid = t and c.conindid = pk.conindid loop
      raise exception 'Foreign key % of table % references %(id) alone: point it at (company_id, id) first',
        fk.conname, fk.tab, t;
    end loop;
    select c.conname into uq from pg_constraint c where c.conrelid = t and c.contype = 'u'
      and c.conkey = array[(select attnum from pg_attribute where attrelid = t and attname = 'company_id'),
                           (select attnum from pg_attribute where attrelid = t and attname = 'id')]::int2[];
    readd := '{}';
    if uq is not null then
      for fk in select c.conname, c.conrelid::regclass as tab, pg_get_constraintdef(c.oid) as def from pg_constraint c
          where c.contype = 'f' and c.confrelid = t
            and c.conindid = (select u.conindid from pg_constraint u where u.conrelid = t and u.conname = uq) loop
        execute format('alter table %s drop constraint %I', fk.tab, fk.conname);
        readd := readd || format('alter table %s add constraint %I %s', fk.tab, fk.conname, fk.def);
      end loop;
      execute format('alter table %s drop constraint %I', t, uq);
    end if;
    execute format('alter table %s drop constraint %I, add constraint %I primary key (company_id, id)', t, pk.conname,
      pk.conname);
    foreach s in array readd loop
      execute s;
    end loop;
  end loop;
end
$$;

-- The register-key directory (the starter's V0_2_2) is global data that only the system login reads and writes
-- (JpaRegisterKeys): the application role, which V1_0's default privileges let in, loses every privilege on it.
revoke all on tenantry_register_key_lookup from ${app_role};
