#!/usr/bin/env bash
# Speed of the traditional baselines: feature vectors per second of LBP, HOG, Gabor and raw
# pixels at 48x48 and 112x112, and OpenCV classifier training time against training-set size.
# Not part of the tests or CI.
#
#   releng/benchmarks/traditional.sh            build the bundles it needs, run, append to results.md
#   releng/benchmarks/traditional.sh --no-build reuse the jars under bundles/*/target
#   releng/benchmarks/traditional.sh --dry      print only, append nothing
#
# It runs TraditionalBenchmark.java as a single-file program on the plain class path of the built
# facet.core, facet.features and facet.classifiers jars and the OpenCV jar of the local Maven
# repository (OpenCV loads its native library by itself; no OSGi framework is involved).
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/lib.sh"
find_java
cd "$FACET_ROOT"

build=1
append=1
for arg in "$@"; do
	case "$arg" in
		--no-build) build=0 ;;
		--dry) append=0 ;;
		*) echo "traditional.sh: unknown option '$arg' (known: --no-build, --dry)" >&2; exit 2 ;;
	esac
done

opencv="${MAVEN_REPOSITORY:-$HOME/.m2/repository}/org/openpnp/opencv/4.9.0-0/opencv-4.9.0-0.jar"
if [ "$build" = 1 ]; then
	./mvnw -B -o -q clean package -DskipTests -pl bundles/facet.core,bundles/facet.features,bundles/facet.classifiers -am
fi
jars=(bundles/facet.core/target/facet.core-*.jar bundles/facet.features/target/facet.features-*.jar
	bundles/facet.classifiers/target/facet.classifiers-*.jar "$opencv")
for jar in "${jars[@]}"; do
	[ -f "$jar" ] || { echo "traditional.sh: $jar is missing: run without --no-build (OpenCV comes with the target platform)" >&2; exit 1; }
done
classpath="$(IFS=:; echo "${jars[*]}")"
commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
if ! git diff --quiet HEAD 2>/dev/null; then
	commit="$commit (with uncommitted changes)"
fi
args=()
[ "$append" = 1 ] && args=(releng/benchmarks/results.md "$commit")
exec "$JAVA_HOME/bin/java" -Xmx3g --enable-native-access=ALL-UNNAMED -cp "$classpath" releng/benchmarks/TraditionalBenchmark.java "${args[@]}"
