#!/usr/bin/env bash
# The cost of policy shapes inside one PostgreSQL backend (issue 20's leads): the same point read (a sale and
# its 5 lines, both register-level tables) and the same single-row insert under each variant, as the plain
# role the policies apply to, in PL/pgSQL loops (cached plans, as a server-prepared statement; no network,
# no client). Backend CPU time per iteration from /proc (user + system), so other work on the machine
# stretches the wall clock but not the figure. Creates (and drops first) the database tenantry_policy_variants
# and the roles tenantry_pv_app / tenantry_pv_system. Needs psql, local access to the server's /proc, a superuser.
#   benchmarks/scripts/policy-variants.sh [iterations] [rounds] [variants...]
# Variants (each on both tables; "cond" is the generated condition of a register-level table):
#   none        row-level security off (the role is the superuser)
#   trivial     RLS on, one permissive policy USING (true): the machinery alone
#   both        permissive USING cond WITH CHECK cond + restrictive USING cond WITH CHECK cond (before issue 20)
#   generated   permissive USING cond WITH CHECK (true) + restrictive USING cond WITH CHECK cond (PolicySql now)
#   restrictive permissive USING (true) WITH CHECK (true) + restrictive cond (one policy between tenant and row)
#   roles       as restrictive, targeted: permissive TO app, system; restrictive TO app, without "or current_user"
#   perinsert   generated, but the insert's check reads the settings per row, without sub-selects (4 restrictive policies)
#   plain       generated, every setting read per row without sub-selects (no InitPlans)
#   company     permissive (true) + restrictive company term only, through a sub-select
#   company2/3  the same term two or three times, through sub-selects that differ in text: one InitPlan more each
#   text        generated's layout, every term per row without sub-selects and without parsing: the columns
#               compared as text with the settings as they are (the stores found in the list with strpos);
#               benchmarks/README.md finding 12
#   textc       permissive (true) + restrictive company term only, per row as text
# For differences of a few per cent, rls-instructions.sh counts instructions instead of CPU time.
set -euo pipefail
N=${1:-20000}
ROUNDS=${2:-3}
shift 2 2>/dev/null || shift $#
VARIANTS=${*:-none trivial both generated restrictive roles perinsert plain company company2 company3}
HOST=${PGHOST:-127.0.0.1}
DB=tenantry_policy_variants
TCK=$(getconf CLK_TCK)
sql() { PGOPTIONS="-c client_min_messages=warning" psql -h "$HOST" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

sql -d postgres -c "drop database if exists $DB" -c "create database $DB"
sql -d postgres -c "do \$\$ begin
  if not exists (select 1 from pg_roles where rolname = 'tenantry_pv_app') then create role tenantry_pv_app login; end if;
  if not exists (select 1 from pg_roles where rolname = 'tenantry_pv_system') then create role tenantry_pv_system login; end if;
end \$\$"
sql -d "$DB" <<'SQL'
create table sale (id uuid primary key, company_id uuid not null, store_id uuid not null, register_id uuid not null,
  total numeric(12,2), unique (company_id, id));
create table sale_line (id uuid primary key, company_id uuid not null, store_id uuid not null, register_id uuid not null,
  sale_id uuid not null, quantity int, line_total numeric(12,2));
create index on sale_line (company_id, sale_id);
-- 200 companies, 400 stores, 800 registers, 40,000 sales with 5 lines each
insert into sale select gen_random_uuid(), ('00000000-0000-0000-0000-' || lpad((c % 200)::text, 12, '0'))::uuid,
  ('00000000-0000-0000-0001-' || lpad((c % 400)::text, 12, '0'))::uuid,
  ('00000000-0000-0000-0002-' || lpad((c % 800)::text, 12, '0'))::uuid, 10 from generate_series(1, 40000) c;
insert into sale_line select gen_random_uuid(), company_id, store_id, register_id, id, 1, 2 from sale, generate_series(1, 5);
grant select, insert, update, delete on sale, sale_line to tenantry_pv_app, tenantry_pv_system;
vacuum analyze;
SQL

C="(select nullif(current_setting('tenantry.company_id', true), '')::uuid)"
VS="(select case when current_setting('tenantry.all_stores', true) = 'on' then null else string_to_array(coalesce(current_setting('tenantry.store_ids', true), ''), ',')::uuid[] end)"
R="(select nullif(current_setting('tenantry.register_id', true), '')::uuid)"
# the company term again, in texts PostgreSQL does not merge (a company id is never 'x' or 'y')
CX="(select nullif(current_setting('tenantry.company_id', true), 'x')::uuid)"
CY="(select nullif(current_setting('tenantry.company_id', true), 'y')::uuid)"
CP="nullif(current_setting('tenantry.company_id', true), '')::uuid"
VSP="case when current_setting('tenantry.all_stores', true) = 'on' then null else string_to_array(coalesce(current_setting('tenantry.store_ids', true), ''), ',')::uuid[] end"
RP="nullif(current_setting('tenantry.register_id', true), '')::uuid"
TC="company_id::text = current_setting('tenantry.company_id', true)"
TS="(current_setting('tenantry.all_stores', true) = 'on' or strpos(current_setting('tenantry.store_ids', true), store_id::text) > 0)"
TR="(coalesce(current_setting('tenantry.register_id', true), '') = '' or register_id::text = current_setting('tenantry.register_id', true))"
TEXTSYS="(($TC and $TS and $TR) or current_user = 'tenantry_pv_system')"
term() { echo "(company_id = $1 and (store_id = any (coalesce($2, array[store_id]))) and (register_id is not distinct from coalesce($3, register_id)))"; }
COND=$(term "$C" "$VS" "$R")
CONDSYS="($COND or current_user = 'tenantry_pv_system')"
PLAINSYS="($(term "$CP" "$VSP" "$RP") or current_user = 'tenantry_pv_system')"

apply() { # variant
  local s=""
  for t in sale sale_line; do
    s+="alter table $t enable row level security; alter table $t force row level security;"
    for p in p r r_select r_update r_delete r_insert; do s+="drop policy if exists $p on $t;"; done
    case $1 in
      none) s+="alter table $t no force row level security; alter table $t disable row level security;";;
      trivial) s+="create policy p on $t as permissive for all using (true) with check (true);";;
      both) s+="create policy p on $t as permissive for all using $CONDSYS with check $CONDSYS;
                create policy r on $t as restrictive for all using $CONDSYS with check $CONDSYS;";;
      generated) s+="create policy p on $t as permissive for all using $CONDSYS with check (true);
                create policy r on $t as restrictive for all using $CONDSYS with check $CONDSYS;";;
      restrictive) s+="create policy p on $t as permissive for all using (true) with check (true);
                create policy r on $t as restrictive for all using $CONDSYS with check $CONDSYS;";;
      roles) s+="create policy p on $t as permissive for all to tenantry_pv_app, tenantry_pv_system using (true) with check (true);
                create policy r on $t as restrictive for all to tenantry_pv_app using $COND with check $COND;";;
      perinsert) s+="create policy p on $t as permissive for all using $CONDSYS with check (true);
                create policy r_select on $t as restrictive for select using $CONDSYS;
                create policy r_update on $t as restrictive for update using $CONDSYS with check $CONDSYS;
                create policy r_delete on $t as restrictive for delete using $CONDSYS;
                create policy r_insert on $t as restrictive for insert with check $PLAINSYS;";;
      plain) s+="create policy p on $t as permissive for all using $PLAINSYS with check (true);
                create policy r on $t as restrictive for all using $PLAINSYS with check $PLAINSYS;";;
      text) s+="create policy p on $t as permissive for all using $TEXTSYS with check (true);
                create policy r on $t as restrictive for all using $TEXTSYS with check $TEXTSYS;";;
      textc) s+="create policy p on $t as permissive for all using (true) with check (true);
                create policy r on $t as restrictive for all using ($TC) with check ($TC);";;
      company) s+="create policy p on $t as permissive for all using (true) with check (true);
                create policy r on $t as restrictive for all using (company_id = $C) with check (company_id = $C);";;
      company2) s+="create policy p on $t as permissive for all using (true) with check (true);
                create policy r on $t as restrictive for all using (company_id = $C and company_id = $CX) with check (true);";;
      company3) s+="create policy p on $t as permissive for all using (true) with check (true);
                create policy r on $t as restrictive for all using (company_id = $C and company_id = $CX
                  and company_id = $CY) with check (true);";;
      *) echo "unknown variant $1" >&2; exit 2;;
    esac
  done
  sql -d "$DB" -c "$s"
}

read -r SALE COMPANY STORE REGISTER < <(sql -d "$DB" -c \
  "select id, company_id, store_id, register_id from sale order by id offset 5000 limit 1" | tr '|' ' ')
SETTINGS="select set_config('tenantry.company_id', '$COMPANY', true), set_config('tenantry.store_ids', '$STORE', true),
  set_config('tenantry.all_stores', 'off', true), set_config('tenantry.register_id', '$REGISTER', true);"
READ="select count(*) into n from sale s join sale_line l on l.sale_id = s.id and l.company_id = s.company_id
  where s.id = '$SALE' and s.company_id = '$COMPANY'; if n <> 5 then raise exception 'the sale is not visible (% lines)', n; end if;"
# a line of another sale id (no foreign key here): the read's index stays as it was
INSERT="insert into sale_line values (gen_random_uuid(), '$COMPANY', '$STORE', '$REGISTER', gen_random_uuid(), 1, 1);"
# the bound register's 50 sales, through the (company_id, id) index: the policies' terms checked on 50 rows
BULK="select count(*) into n from sale where company_id = '$COMPANY' and store_id = '$STORE' and register_id = '$REGISTER'; if n <> 50 then raise exception 'not 50 but %', n; end if;"

loop() { # role body iterations: backend CPU microseconds per iteration
  psql -h "$HOST" -U "$1" -d "$DB" -qAt 2>&1 <<SQL | awk -v n="$3" -v t="$TCK" '/^[0-9]+$/ {k++; if (k == 1) a = $1; else b = $1}
    /ERROR|exception/ {print; exit 1} END {printf "%6.2f", (b - a) * 1e6 / t / n}'
select pg_backend_pid() as pid \gset
\setenv BPID :pid
begin;
\o /dev/null
$SETTINGS
\o
\! awk '{print \$14 + \$15}' /proc/\$BPID/stat
do \$\$ declare n int; begin for i in 1..$3 loop $2 end loop; end \$\$;
\! awk '{print \$14 + \$15}' /proc/\$BPID/stat
rollback;
SQL
}

echo "backend CPU per statement, us ($N iterations; the 50-row read $((N / 5))); rounds: $ROUNDS"
printf '%-12s %10s %10s %14s\n' variant "point read" insert "50-row read"
for round in $(seq "$ROUNDS"); do
  for v in $VARIANTS; do
    apply "$v"
    role=tenantry_pv_app
    [ "$v" = none ] && role=postgres
    r=$(loop "$role" "$READ" "$N")
    b=$(loop "$role" "$BULK" $((N / 5)))
    i=$(loop "$role" "$INSERT" "$N")
    sql -d "$DB" -c "vacuum sale_line"  # the rolled-back inserts' dead index entries
    printf '%-12s %10s %10s %14s\n' "$v" "$r" "$i" "$b"
  done
done
