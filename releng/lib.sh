# Shared by releng/setup.sh, releng/test.sh and ./facet: finds Java 21+ and the cache folder.
# Sourced, not run.

FACET_ROOT="${FACET_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
# Weights, demo photos, SWTChart and the MXNet native library live here, never in git.
FACET_CACHE="${FACET_CACHE:-$HOME/.cache/facet}"
FACET_PRODUCT="${FACET_PRODUCT:-$FACET_ROOT/product/target/products/facet.product/linux/gtk/x86_64}"
export FACET_ROOT FACET_CACHE FACET_PRODUCT

java_major() { # prints the major version of the java binary $1, or nothing
	"$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p' | head -1
}

# Sets JAVA_HOME to a JDK 21+ (JAVA_HOME if it qualifies, else the newest under /usr/lib/jvm).
find_java() {
	local candidate major
	for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
		candidate="${candidate%/}"
		[ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
		major="$(java_major "$candidate/bin/java")"
		if [ -n "$major" ] && [ "$major" -ge 21 ]; then
			export JAVA_HOME="$candidate"
			return 0
		fi
	done
	echo "facet: no Java 21 or newer found: install a JDK 21+ (Facet is built and tested with Temurin 25) and set JAVA_HOME to it." >&2
	return 1
}
