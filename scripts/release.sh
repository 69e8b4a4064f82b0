#!/usr/bin/env bash
# Releases the committed state (HEAD) as VERSION into a Maven file repository.
#
#   scripts/release.sh VERSION [--repo DIR] [--skip-tests] [--record-api-baseline] [-- MAVEN_ARGS...]
#
# It works on a copy of HEAD (git archive), never on the working tree: uncommitted changes are not released.
# In that copy it sets VERSION in every pom (no SNAPSHOT may remain: the release profile's enforcer checks it),
# sets project.build.outputTimestamp to HEAD's commit time (so the same commit always gives the same jars),
# and runs, for the published modules (parent, BOM, core, test support, Hibernate integration, starter):
#
#   mvn -B -Prelease deploy -DaltDeploymentRepository=tenantry-release::file:DIR -Dmaven.install.skip=true
#
# Nothing goes to ~/.m2: a released version there would hide a broken release from the builds that use it.
# (The repository id is not "local": Maven would cache its metadata as maven-metadata-local.xml, the name of
# the local repository's own, and overwrite that.)
# The release profile adds sources and javadoc jars. DIR defaults to target/release-repo; it is a plain Maven
# repository: point an application's <repository> (or a settings.xml) at it, or upload its contents.
# --skip-tests (neither compiles nor runs the tests) is for CI, which has run them on the same commit just before.
# --record-api-baseline copies the released jars and poms into api-baseline/ and makes VERSION the release the
# API check compares with (docs/releasing.md): commit the result with the tag of the release.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

usage() { sed -n '2,4p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[ $# -ge 1 ] || usage
VERSION=$1; shift
REPO=$ROOT/target/release-repo
SKIP_TESTS=false
RECORD=false
MVN_EXTRA=()
while [ $# -gt 0 ]; do
  case $1 in
    --repo) REPO=$2; shift 2 ;;
    --skip-tests) SKIP_TESTS=true; shift ;;
    --record-api-baseline) RECORD=true; shift ;;
    --) shift; MVN_EXTRA=("$@"); break ;;
    *) usage ;;
  esac
done
if ! [[ $VERSION =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  echo "release.sh: VERSION must be MAJOR.MINOR.PATCH without a qualifier (e.g. 0.1.0), not '$VERSION'" >&2
  exit 2
fi
mkdir -p "$REPO"
REPO=$(cd "$REPO" && pwd)

# The version the poms have now: tenantry-parent's own <version>, the first one after its artifactId.
CURRENT=$(git show HEAD:pom.xml | awk '/<artifactId>tenantry-parent<\/artifactId>/ {f=1; next}
  f && /<version>/ {gsub(/.*<version>|<\/version>.*/, ""); print; exit}')
COMMIT=$(git rev-parse HEAD)
TIMESTAMP=$(TZ=UTC git log -1 --format=%cd --date=format-local:%Y-%m-%dT%H:%M:%SZ HEAD)
if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
  echo "release.sh: note: the working tree has uncommitted changes; they are not part of the release"
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/tenantry-release.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
git archive --format=tar HEAD | tar -x -C "$WORK"

# Set VERSION wherever the poms name the current version (project, parent and BOM versions).
POMS=$(git ls-tree -r --name-only HEAD | grep -E '(^|/)pom\.xml$' | grep -v '^examples/consumer/')
for pom in $POMS; do
  sed -i "s|<version>$CURRENT</version>|<version>$VERSION</version>|g" "$WORK/$pom"
done
if grep -l -- "-SNAPSHOT</version>" $(for p in $POMS; do echo "$WORK/$p"; done) >/dev/null 2>&1; then
  echo "release.sh: a pom still names a SNAPSHOT after setting $VERSION:" >&2
  (cd "$WORK" && grep -n -- "-SNAPSHOT</version>" $POMS) >&2
  exit 1
fi

echo "release.sh: releasing $COMMIT ($CURRENT) as $VERSION into $REPO, outputTimestamp $TIMESTAMP"
TEST_ARGS=()
[ "$SKIP_TESTS" = true ] && TEST_ARGS=(-Dmaven.test.skip=true)
(cd "$WORK" && mvn -B -Prelease deploy \
  -pl bom,core,test-support,hibernate-integration,spring-starter,spring-starter-test,clusters -am \
  -DaltDeploymentRepository="tenantry-release::file:$REPO" -Dmaven.install.skip=true \
  -Dproject.build.outputTimestamp="$TIMESTAMP" \
  "${TEST_ARGS[@]}" ${MVN_EXTRA[@]+"${MVN_EXTRA[@]}"})

echo "release.sh: released into $REPO:"
(cd "$REPO" && find io/tenantry -path "*/$VERSION/*" \( -name '*.jar' -o -name '*.pom' \) | sort)

if [ "$RECORD" = true ]; then
  BASE=$ROOT/api-baseline
  rm -rf "$BASE/io/tenantry"
  for module in core test-support hibernate spring-boot-starter spring-boot-starter-test clusters; do
    dir=io/tenantry/tenantry-$module/$VERSION
    mkdir -p "$BASE/$dir"
    cp "$REPO/$dir/tenantry-$module-$VERSION.jar" "$REPO/$dir/tenantry-$module-$VERSION.pom" "$BASE/$dir/"
  done
  sed -i "s|<tenantry.api.baseline>[^<]*</tenantry.api.baseline>|<tenantry.api.baseline>$VERSION</tenantry.api.baseline>|" \
    "$ROOT/pom.xml"
  echo "release.sh: api-baseline/ now holds $VERSION and pom.xml's tenantry.api.baseline names it;" \
    "empty the declared breaking changes in pom.xml, then commit api-baseline/ and pom.xml"
fi
