#!/usr/bin/env bash
# Tests the API check (japicmp, configured in the root pom) on a fixture, in a copy of the working tree:
# the fixture class ApiFixture is compiled in its "released" version (api-fixture/v1) into a copy of
# tenantry-core's baseline jar, and the core module gets a later version of it (v2-*). Then
#   1. a breaking change of a public class fails the build, and the report names the class and the change;
#   2. the same change passes once declared in the root pom's <excludes>;
#   3. the same change in an internal package passes (internal packages are not API);
#   4. a compatible change (a method added) passes, and the report shows it.
# Prints "N passed, N failed" and exits non-zero when a case failed.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
FIXTURE=$ROOT/.ci/api-fixture
BASELINE_VERSION=$(sed -n 's|.*<tenantry.api.baseline>\([^<]*\)</tenantry.api.baseline>.*|\1|p' pom.xml)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/tenantry-api-check.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
passed=0
failed=0

# $1 case name, $2 package of the fixture, $3 new version (v2-*), $4 "declare" to declare the change
run_case() {
  local name=$1 package=$2 version=$3 declare=${4:-}
  local work=$TMP/$name dir=${package//./\/}
  mkdir -p "$work"
  tar -c --exclude=./target --exclude=./target-ci --exclude='*/target' --exclude=./.git . | tar -x -C "$work"
  # the "released" fixture, added to the copy's baseline jar of tenantry-core
  mkdir -p "$TMP/$name-v1/src/$dir" "$TMP/$name-v1/classes"
  sed "s/PACKAGE/$package/" "$FIXTURE/v1/ApiFixture.java" > "$TMP/$name-v1/src/$dir/ApiFixture.java"
  javac --release 17 -d "$TMP/$name-v1/classes" "$TMP/$name-v1/src/$dir/ApiFixture.java" || return 1
  local jar=$work/api-baseline/io/tenantry/tenantry-core/$BASELINE_VERSION/tenantry-core-$BASELINE_VERSION.jar
  (cd "$TMP/$name-v1/classes" && jar uf "$jar" "$dir/ApiFixture.class") || return 1
  # the changed fixture, in the module's sources
  mkdir -p "$work/core/src/main/java/$dir"
  sed "s/PACKAGE/$package/" "$FIXTURE/$version/ApiFixture.java" > "$work/core/src/main/java/$dir/ApiFixture.java"
  if [ "$declare" = declare ]; then
    sed -i "s|^\( *\)\(Emptied when the next release becomes the baseline. -->\)|\1\2\n\1<exclude>$package.ApiFixture</exclude>|" \
      "$work/pom.xml"
    grep -q "<exclude>$package.ApiFixture</exclude>" "$work/pom.xml" || { echo "could not declare the change"; return 1; }
  fi
  local status=0
  (cd "$work" && mvn -B verify -Dmaven.test.skip=true -pl core > "$TMP/$name.log" 2>&1) || status=$?
  # the comparison's report, so that the checks below can read what japicmp found
  cat "$work/core/target/japicmp/api-check.diff" >> "$TMP/$name.log" 2>/dev/null
  return $status
}

check() {  # $1 case name, $2 expected: pass|fail, rest: patterns the log must contain
  local name=$1 expected=$2 status=$3; shift 3
  local ok=true
  if grep -q "japicmp skipped" "$TMP/$name.log"; then ok=false; echo "  the API check was skipped"; fi
  if [ "$expected" = fail ] && [ "$status" -eq 0 ]; then ok=false; echo "  expected the build to fail"; fi
  if [ "$expected" = pass ] && [ "$status" -ne 0 ]; then ok=false; echo "  expected the build to pass"; fi
  for pattern in "$@"; do
    grep -q -- "$pattern" "$TMP/$name.log" || { ok=false; echo "  log lacks: $pattern"; }
  done
  if [ "$ok" = true ]; then
    echo "PASS $name"; passed=$((passed + 1))
  else
    echo "FAIL $name (log follows)"; tail -40 "$TMP/$name.log"; failed=$((failed + 1))
  fi
}

run_case breaking-undeclared io.tenantry.core v2-breaking; s=$?
check breaking-undeclared fail $s "There is at least one incompatibility" \
  "io.tenantry.core.ApiFixture.name():METHOD_REMOVED" "io.tenantry.core.ApiFixture.count(java.lang.String):METHOD_REMOVED" \
  "io.tenantry.core.ApiFixture.KIND:FIELD_REMOVED" "io.tenantry.core.ApiFixture:CLASS_NOW_NOT_EXTENDABLE"
run_case breaking-declared io.tenantry.core v2-breaking declare; s=$?
check breaking-declared pass $s "api-check.diff" "BUILD SUCCESS"
run_case breaking-internal io.tenantry.core.internal v2-breaking; s=$?
check breaking-internal pass $s "api-check.diff" "BUILD SUCCESS"
run_case compatible io.tenantry.core v2-compatible; s=$?
check compatible pass $s "api-check.diff" "BUILD SUCCESS" "io.tenantry.core.ApiFixture" "isEmpty()"

echo "api-check: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
