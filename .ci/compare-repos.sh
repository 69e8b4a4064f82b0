#!/usr/bin/env bash
# Reproducible builds: two releases of the same commit must be byte-identical.
#   .ci/compare-repos.sh REPO_A REPO_B
# Compares every jar and pom of REPO_A with REPO_B (maven-metadata.xml, which carries the deploy time, is left
# out); for a jar that differs it lists the entries whose CRC differs. Exits non-zero on any difference.
set -uo pipefail
[ $# -eq 2 ] || { echo "usage: $0 REPO_A REPO_B" >&2; exit 2; }
A=$1; B=$2
same=0; different=0
files=$(cd "$A" && find . -type f \( -name '*.jar' -o -name '*.pom' \) | sort)
[ -n "$files" ] || { echo "compare-repos: no jar or pom in $A" >&2; exit 1; }
if [ "$files" != "$(cd "$B" && find . -type f \( -name '*.jar' -o -name '*.pom' \) | sort)" ]; then
  echo "compare-repos: the two repositories hold different files:"
  diff <(echo "$files") <(cd "$B" && find . -type f \( -name '*.jar' -o -name '*.pom' \) | sort)
  exit 1
fi
for f in $files; do
  if cmp -s "$A/$f" "$B/$f"; then
    same=$((same + 1))
  else
    different=$((different + 1))
    echo "DIFFERS $f"
    case $f in *.jar)
      diff <(unzip -v "$A/$f" | awk 'NR>3 {print $7, $8}' | sort) \
           <(unzip -v "$B/$f" | awk 'NR>3 {print $7, $8}' | sort) | head -20 ;;
    esac
  fi
done
echo "compare-repos: $same identical, $different different"
[ "$different" -eq 0 ]
