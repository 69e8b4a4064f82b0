-- Tenantry 0.2.1: every tenant table of the hierarchy is keyed by (company_id, id) (issue 24, the road to Citus).
-- Citus distributes tables by company_id and needs that column in every primary key; one PostgreSQL gains an index
-- less to write per row (the primary key (company_id, id) replaces both the (id) key and unique (company_id, id)).
--  * The entities keep @Id id: Hibernate needs a unique identifier, not a database constraint on it alone; ids are
--    UUIDs, and Tenantry adds company_id = ? to every load by id, so find(Class, id) reads the primary key index.
--  * Foreign keys into unique (company_id, id) (your tables' included) are re-created on the new primary key.
--  * A foreign key into one of these tables' id alone is refused with the fix: reference (company_id, id).
-- The company table keeps its primary key (id): it is distributed by id.
-- The function does it for any table, idempotently; re-key your own tenant tables with it too:
--   select tenantry_key_by_company('sale', 'sale_line');
create or replace function tenantry_key_by_company(variadic tables regclass[]) returns void
language plpgsql as $$
declare
  t regclass;
  pk record;
  uq name;
  fk record;
  readd text[];
  s text;
begin
  foreach t in array tables loop
    select c.conname, c.conindid, array(select a.attname::text from unnest(c.conkey) with ordinality k(n, i)
        join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i) as cols
      into pk from pg_constraint c where c.conrelid = t and c.contype = 'p';
    if pk.cols = array['company_id', 'id'] then
      continue; -- already keyed by company
    end if;
    for fk in select c.conname, c.conrelid::regclass as tab from pg_constraint c
        where c.contype = 'f' and c.confrelid = t and c.conindid = pk.conindid loop
      raise exception 'Foreign key % of table % references %(id) alone, which loses its key when % is keyed by '
        '(company_id, id). Point it at (company_id, id) first: alter table % drop constraint %, add foreign key '
        '(company_id, <column>) references % (company_id, id)', fk.conname, fk.tab, t, t, fk.tab, fk.conname, t;
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
-- schema work for the owner only (it runs with its caller's rights anyway)
revoke execute on function tenantry_key_by_company(regclass[]) from public;

select tenantry_key_by_company('tenantry_store', 'tenantry_register', 'tenantry_membership', 'tenantry_membership_store',
  'tenantry_setting');

