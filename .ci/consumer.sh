#!/usr/bin/env bash
# Builds examples/consumer and runs its tests against a released Tenantry, the way a team's project gets it:
#
#   .ci/consumer.sh RELEASE_REPO VERSION
#
# Tenantry can come only from RELEASE_REPO (a file repository written by scripts/release.sh): the build uses a
# fresh, empty local repository and a settings file whose repositories are RELEASE_REPO, a read-only view of
# ~/.m2 without io/tenantry (so third-party artifacts need no download when the machine has them), and Maven
# Central (the super pom's, for anything else). Neither the reactor nor ~/.m2's snapshots are visible. After the
# build it checks that every io.tenantry artifact in that local repository was downloaded from RELEASE_REPO.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 2 ] || { echo "usage: $0 RELEASE_REPO VERSION" >&2; exit 2; }
RELEASE_REPO=$(cd "$1" && pwd)
VERSION=$2
M2=${TENANTRY_M2_REPOSITORY:-$HOME/.m2/repository}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/tenantry-consumer.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

# The view: a symlink per top-level folder of ~/.m2, and under io/ per group folder, except io/tenantry.
mkdir -p "$TMP/m2-view"
if [ -d "$M2" ]; then
  for top in "$M2"/*; do
    if [ "$(basename "$top")" = io ]; then
      mkdir -p "$TMP/m2-view/io"
      for group in "$top"/*; do
        [ "$(basename "$group")" = tenantry ] || ln -s "$group" "$TMP/m2-view/io/"
      done
    else
      ln -s "$top" "$TMP/m2-view/"
    fi
  done
fi
[ ! -e "$TMP/m2-view/io/tenantry" ] || { echo "consumer.sh: the view of ~/.m2 still shows io/tenantry" >&2; exit 1; }

cat > "$TMP/settings.xml" <<XML
<settings>
  <profiles>
    <profile>
      <id>tenantry-consumer</id>
      <repositories>
        <repository>
          <id>tenantry-release</id>
          <url>file://$RELEASE_REPO</url>
          <snapshots><enabled>false</enabled></snapshots>
        </repository>
        <repository>
          <id>m2-view</id>
          <url>file://$TMP/m2-view</url>
          <!-- a local repository keeps no checksum files for most artifacts -->
          <releases><checksumPolicy>ignore</checksumPolicy></releases>
          <snapshots><enabled>false</enabled></snapshots>
        </repository>
      </repositories>
      <pluginRepositories>
        <pluginRepository>
          <id>m2-view</id>
          <url>file://$TMP/m2-view</url>
          <releases><checksumPolicy>ignore</checksumPolicy></releases>
          <snapshots><enabled>false</enabled></snapshots>
        </pluginRepository>
      </pluginRepositories>
    </profile>
  </profiles>
  <activeProfiles>
    <activeProfile>tenantry-consumer</activeProfile>
  </activeProfiles>
</settings>
XML

echo "consumer.sh: building examples/consumer with Tenantry $VERSION from $RELEASE_REPO only"
mvn -B -s "$TMP/settings.xml" -Dmaven.repo.local="$TMP/local" -f examples/consumer/pom.xml \
  -Dtenantry.version="$VERSION" clean verify

# Every Tenantry artifact the build used came from the release repository, and none is a snapshot.
found=0
for marker in "$TMP"/local/io/tenantry/*/*/_remote.repositories; do
  [ -e "$marker" ] || continue
  found=$((found + 1))
  case $marker in *-SNAPSHOT/*) echo "consumer.sh: used a snapshot: $marker" >&2; exit 1 ;; esac
  if grep -v '^#' "$marker" | grep -v '>tenantry-release=$' | grep -q .; then
    echo "consumer.sh: an io.tenantry artifact did not come from the release repository:" >&2
    cat "$marker" >&2
    exit 1
  fi
done
[ "$found" -ge 4 ] || { echo "consumer.sh: expected the BOM, parent, core, hibernate and test support, found $found" >&2; exit 1; }
echo "consumer.sh: all $found io.tenantry artifacts came from $RELEASE_REPO"
