#!/usr/bin/env bash
# Throughput of the data pipeline (decode + preprocess + augment + floats), 48x48 gray and
# 112x112 RGB, 1 and 2 worker threads. Not part of the tests or CI.
#
#   releng/benchmarks/pipeline.sh            build the three bundles it needs, run, append to results.md
#   releng/benchmarks/pipeline.sh --no-build reuse the jars under bundles/*/target
#   releng/benchmarks/pipeline.sh --dry      print only, append nothing
#
# It runs PipelineBenchmark.java as a single-file program on the plain class path of the built
# facet.core, facet.data.transforms and facet.engine jars (the pipeline's host side needs no
# DJL, so no native library and no OSGi framework are involved).
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
		*) echo "pipeline.sh: unknown option '$arg' (known: --no-build, --dry)" >&2; exit 2 ;;
	esac
done

jars=(bundles/facet.core/target/facet.core-*.jar bundles/facet.data.transforms/target/facet.data.transforms-*.jar
	bundles/facet.engine/target/facet.engine-*.jar)
if [ "$build" = 1 ]; then
	./mvnw -B -o -q clean package -DskipTests -pl bundles/facet.core,bundles/facet.data.transforms,bundles/facet.engine -am
fi
for jar in "${jars[@]}"; do
	[ -f "$jar" ] || { echo "pipeline.sh: $jar is missing: run without --no-build" >&2; exit 1; }
done
classpath="$(IFS=:; echo "${jars[*]}")"
commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
if ! git diff --quiet HEAD 2>/dev/null; then
	commit="$commit (with uncommitted changes)"
fi
args=()
[ "$append" = 1 ] && args=(releng/benchmarks/results.md "$commit")
exec "$JAVA_HOME/bin/java" -Xmx2g -cp "$classpath" releng/benchmarks/PipelineBenchmark.java "${args[@]}"
