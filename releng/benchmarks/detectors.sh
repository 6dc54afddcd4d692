#!/usr/bin/env bash
# Milliseconds per 640x480 frame of the haar, mtcnn and viola-jones detectors, with recall and precision on
# the six demo photos scaled to 640 px. Not part of the tests or CI; prints only.
#
#   releng/benchmarks/detectors.sh [--no-build] [FRAMES [VARIANT...]]
#
# VARIANT: haar, haar:SCALE:MINSIZE, viola-jones:MODEL.json[:MINNEIGHBORS], mtcnn, mtcnn:MINFACE:FACTOR:MAXPROPOSALS:REFINEOVERLAP
# (default: haar mtcnn; mtcnn:20:0.709:0:0.7 is the reference MTCNN).
# It runs DetectorBenchmark.java as a single-file program on the plain class path of the built
# facet.core, facet.detect.adaboost and facet.detect.mtcnn jars and the DJL, JNA, Gson and
# OpenCV jars of the local Maven repository (no OSGi framework involved).
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/lib.sh"
source "$FACET_ROOT/releng/benchmarks/plain-benchmark.sh"

build=1
if [ "${1:-}" = --no-build ]; then
	build=0
	shift
fi
m2="${MAVEN_REPO:-$HOME/.m2/repository}"
plain_benchmark_classpath detectors.sh "$build" "facet.core facet.platform.djl facet.detect.adaboost facet.detect.mtcnn" \
	"$m2/ai/djl/api/0.36.0/api-0.36.0.jar $m2/ai/djl/mxnet/mxnet-engine/0.36.0/mxnet-engine-0.36.0.jar
	$m2/ai/djl/mxnet/mxnet-native-mkl/1.9.1/mxnet-native-mkl-1.9.1-linux-x86_64.jar
	$m2/net/java/dev/jna/jna/5.17.0/jna-5.17.0.jar $m2/com/google/code/gson/gson/2.10/gson-2.10.jar
	$m2/org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar $m2/org/slf4j/slf4j-nop/2.0.17/slf4j-nop-2.0.17.jar
	$m2/org/openpnp/opencv/4.9.0-0/opencv-4.9.0-0.jar"
# shellcheck disable=SC2086 # JAVA_OPTS are words on purpose
exec "$JAVA_HOME/bin/java" -Xmx2g ${JAVA_OPTS:-} -Dai.djl.offline=true -DDJL_CACHE_DIR="$FACET_CACHE/djl" -cp "$PLAIN_CLASSPATH" \
	releng/benchmarks/DetectorBenchmark.java "$FACET_CACHE" bundles/facet.cli.tests/resources/demo-faces.tsv "$@"
