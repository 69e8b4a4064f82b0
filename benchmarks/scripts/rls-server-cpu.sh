#!/usr/bin/env bash
# PostgreSQL CPU per transaction of a sale-by-id read, without and with row-level security, measured
# with pgbench after a benchmark run (it reads tenantry_bench_10000 and its roles); then the same read and
# a single-row insert into pos_sale_line, without and with the policies, timed inside one backend (PL/pgSQL
# loops; the inserts in a transaction that is rolled back): no network, no client, no protocol, so what
# differs is the executor's work for the policies (their InitPlans, quals and WITH CHECK). Server CPU comes
# from /proc (live backends plus the postmaster's reaped children), so it does not depend on what else
# competes for the cores -- but it sums every PostgreSQL process, so the server must have no other work
# (other clients, autovacuum after a data load); the script says so when it sees any.
# Needs: pgbench, local access to the server's /proc, a superuser login.
#   benchmarks/scripts/rls-server-cpu.sh [transactions per measurement] [rounds]
set -euo pipefail
N=${1:-20000}
ROUNDS=${2:-3}
HOST=${PGHOST:-127.0.0.1}
DB=tenantry_bench_10000
PGBENCH=$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench | head -1)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

read -r SALE COMPANY STORE REGISTER < <(psql -h "$HOST" -U postgres -d "$DB" -Atc \
  "select id, company_id, store_id, register_id from pos_sale order by id offset 5000 limit 1" | tr '|' ' ')
PRODUCT=$(psql -h "$HOST" -U postgres -d "$DB" -Atc "select id from pos_product where company_id = '$COMPANY' limit 1")
READ="select s.id, s.total, l.id, l.quantity from pos_sale s join pos_sale_line l on l.sale_id = s.id
  and l.company_id = s.company_id where s.id = '$SALE' and s.company_id = '$COMPANY' and s.store_id = '$STORE';"
SETTINGS="select set_config('tenantry.company_id', '$COMPANY', true), set_config('tenantry.store_ids', '$STORE', true),
  set_config('tenantry.all_stores', 'off', true), set_config('tenantry.register_id', '', true);"
printf 'BEGIN;\n%s\nCOMMIT;\n' "$(echo $READ)" > "$WORK/read.sql"
printf 'BEGIN;\n%s\n%s\nCOMMIT;\n' "$(echo $SETTINGS)" "$(echo $READ)" > "$WORK/settings_read.sql"

ticks() {
  local pm; pm=$(pgrep -u postgres -o postgres)
  for p in $(pgrep -u postgres postgres); do cat "/proc/$p/stat" 2>/dev/null; done \
    | awk -v pm="$pm" '{s += $14 + $15; if ($1 == pm) s += $16 + $17} END {print s}'
}

measure() { # role script label
  local before after tps
  before=$(ticks)
  tps=$("$PGBENCH" -h "$HOST" -U "tenantry_bench_$1" -n -M prepared -c 1 -t "$N" -f "$WORK/$2" "$DB" 2>/dev/null \
    | awk '/tps =/ {print int($3); exit}')
  after=$(ticks)
  echo "$3: $(( (after - before) * 1000000 / $(getconf CLK_TCK) / N )) us PostgreSQL CPU per transaction, $tps tps"
}

busy=$(psql -h "$HOST" -U postgres -d "$DB" -Atc "select count(*) from pg_stat_activity
  where pid <> pg_backend_pid() and (backend_type = 'autovacuum worker' or (backend_type = 'client backend' and state <> 'idle'))")
if [ "$busy" != "0" ]; then
  echo "warning: $busy other PostgreSQL backends are working; the figures below include their CPU" >&2
fi

for round in $(seq "$ROUNDS"); do
  echo "round $round"
  measure bypass read.sql "  no RLS, no settings            "
  measure bypass settings_read.sql "  settings statement, no policies"
  measure app settings_read.sql "  settings statement + policies  "
done

in_backend() { # role settings-sql declarations loop-body: microseconds per loop iteration, or ?
  local us
  us=$(psql -h "$HOST" -U "tenantry_bench_$1" -d "$DB" -q 2>&1 <<SQL | grep -o '[0-9.]* us' | head -1
begin;
$2
do \$\$ declare t0 timestamptz := clock_timestamp(); $3 begin
  for i in 1..$N loop
    $4
  end loop;
  raise notice '% us', round(extract(epoch from clock_timestamp() - t0) * 1e6 / $N, 1);
end \$\$;
rollback;
SQL
)
  echo "${us:-?}"
}

reads() { # role label
  echo "$2: $(in_backend "$1" "$SETTINGS" "n int;" "select count(*) into n from ($(echo "${READ%;}")) q;
    if n = 0 then raise exception 'the sale is not visible'; end if;") per read"
}

# the rolled-back inserts leave dead index entries beside the sale's lines, which slow the reads down
# until a vacuum: reads first, and a vacuum at the end for the next run (and for the benchmark itself)
compare() { # measure-function title app-label warm-up-label: a warm-up, then bypass and app each round
  "$1" bypass "$4" >/dev/null
  for round in $(seq "$ROUNDS"); do
    echo "$2, round $round"
    "$1" bypass "  no policies                    "
    "$1" app "$3"
  done
}

compare reads "reads inside the backend" "  policies                       " "  (warm-up)                      "

inserts() { # role label
  echo "$2: $(in_backend "$1" "select set_config('tenantry.company_id', '$COMPANY', true),
  set_config('tenantry.store_ids', '$STORE', true), set_config('tenantry.all_stores', 'off', true),
  set_config('tenantry.register_id', '$REGISTER', true);" "" "insert into pos_sale_line (id, company_id, store_id,
      register_id, sale_id, product_id, quantity, unit_price, line_total) values (gen_random_uuid(), '$COMPANY',
      '$STORE', '$REGISTER', '$SALE', '$PRODUCT', 1, 1, 1);") per single-row insert"
}

compare inserts "inserts" "  policies (WITH CHECK)          " "  (warm-up: reads the indexes)    "

psql -h "$HOST" -U postgres -d "$DB" -qc "vacuum pos_sale_line"
