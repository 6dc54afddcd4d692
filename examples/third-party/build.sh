#!/usr/bin/env bash
# Builds the example third-party module against the update site that Facet's own build wrote
# (releng/facet.repository/target/repository), offline, and runs its test, which installs the
# built jar into a running Facet and uninstalls it. The plug-in jar lands in
# facet.example.eca/target/; `FACET_PLUGINS=that/folder ./facet gui` shows it in the palette.
#
#   examples/third-party/build.sh [maven arguments...]     e.g. -DskipTests
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../../releng/lib.sh"
find_java
site="$FACET_ROOT/releng/facet.repository/target/repository"
if [ ! -f "$site/content.xml" ] && [ ! -f "$site/content.jar" ] && [ ! -f "$site/content.xml.xz" ]; then
	echo "example: no Facet update site at $site: build Facet first (./mvnw -B -o clean verify -DskipTests)" >&2
	exit 2
fi
cd "$here"
"$FACET_ROOT/mvnw" -B -o -f "$here/pom.xml" clean verify "-Dfacet.site=file://$site" "-Dfacet.cache=$FACET_CACHE" "$@"
