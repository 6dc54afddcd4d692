#!/usr/bin/env bash
# Facet's benchmark suite: models (Facet against bare DJL), MXNet threads, data pipeline against
# training, detectors and the analyze chain per frame, peak memory, and how cost grows.
# Not part of the tests or CI. Results are ratios measured side by side in one run.
#
#   releng/benchmarks/run.sh              build the bundles it needs, run, append to results.md, draw the PNGs
#   releng/benchmarks/run.sh --quick      fewer steps and frames (a few minutes on 2 cores)
#   releng/benchmarks/run.sh --no-build   reuse the jars under bundles/*/target
#   releng/benchmarks/run.sh --dry        print only, append nothing
#
# FacetBenchmark.java runs as a single-file program on the plain class path of the built bundle
# jars, the DJL jars of facet.platform.djl/lib and the third-party jars of the target platform
# (from the local Maven repository); no OSGi framework: it fills an Equinox extension registry
# with the bundles' plugin.xml itself. Trained Viola-Jones / Cascade CNN models are optional:
# FACET_BENCH_VIOLA_JONES=MODEL.json, FACET_BENCH_CASCADE_CNN=MODEL_FOLDER.
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/lib.sh"
find_java
cd "$FACET_ROOT"

build=1
append=1
quick=()
for arg in "$@"; do
	case "$arg" in
		--no-build) build=0 ;;
		--dry) append=0 ;;
		--quick) quick=(--quick) ;;
		*) echo "run.sh: unknown option '$arg' (known: --quick, --no-build, --dry)" >&2; exit 2 ;;
	esac
done

bundles=(facet.core facet.data facet.data.synthetic facet.data.transforms facet.engine facet.platform.djl facet.nn.api
	facet.nn.attention facet.nn.backbones facet.nn.heads facet.nn.losses facet.nn.faceapi
	facet.detect.adaboost facet.detect.cascadecnn facet.detect.mtcnn)
if [ "$build" = 1 ]; then
	./mvnw -B -o -q clean package -DskipTests -pl "$(printf 'bundles/%s,' "${bundles[@]}" | sed 's/,$//')" -am
fi
classpath=()
for bundle in "${bundles[@]}"; do
	jar="$(ls bundles/$bundle/target/$bundle-*.jar 2>/dev/null | grep -v -- '-sources' | head -1 || true)"
	[ -n "$jar" ] || { echo "run.sh: bundles/$bundle/target has no jar: run without --no-build" >&2; exit 1; }
	classpath+=("$jar")
done
classpath+=(bundles/facet.platform.djl/lib/*.jar)

# Third-party bundles at the target platform's versions, from the local Maven repository.
m2="${MAVEN_REPOSITORY:-$HOME/.m2/repository}"
newest() { ls -d "$m2/$1"/*/ 2>/dev/null | sort -V | tail -1; }
for artifact in org/eclipse/platform/org.eclipse.equinox.registry org/eclipse/platform/org.eclipse.equinox.common; do
	dir="$(newest "$artifact")"
	[ -n "$dir" ] || { echo "run.sh: $artifact is not in $m2: build Facet once (releng/setup.sh)" >&2; exit 1; }
	classpath+=("$(ls "$dir"*.jar | grep -v sources | head -1)")
done
for gav in org/eclipse/platform/org.eclipse.osgi/3.24.300 com/google/code/gson/gson/2.13.2 net/java/dev/jna/jna/5.17.0 \
	org/apache/commons/commons-compress/1.28.0 commons-io/commons-io/2.20.0 commons-codec/commons-codec/1.19.0 \
	org/slf4j/slf4j-api/2.0.17 org/slf4j/slf4j-simple/2.0.17 org/openpnp/opencv/4.9.0-0; do
	jar="$(ls "$m2/$gav"/*.jar 2>/dev/null | grep -v sources | head -1 || true)"
	[ -n "$jar" ] || { echo "run.sh: $m2/$gav has no jar: build Facet once (releng/setup.sh)" >&2; exit 1; }
	classpath+=("$jar")
done

commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
if ! git diff --quiet HEAD 2>/dev/null; then
	commit="$commit (with uncommitted changes)"
fi
args=(--charts releng/benchmarks)
[ "$append" = 1 ] && args+=(--results releng/benchmarks/results.md --commit "$commit")
mkdir -p "$FACET_CACHE/djl"
exec "$JAVA_HOME/bin/java" -Xmx4g --enable-native-access=ALL-UNNAMED -Dai.djl.offline=true "-DDJL_CACHE_DIR=$FACET_CACHE/djl" \
	"-Dfacet.cache=$FACET_CACHE" "-Dfacet.root=$FACET_ROOT" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
	-Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error \
	-cp "$(IFS=:; echo "${classpath[*]}")" releng/benchmarks/FacetBenchmark.java "${quick[@]}" "${args[@]}"
