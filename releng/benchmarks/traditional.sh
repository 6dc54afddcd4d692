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
source "$FACET_ROOT/releng/benchmarks/plain-benchmark.sh"
run_plain_benchmark traditional.sh releng/benchmarks/TraditionalBenchmark.java \
	"facet.core facet.features facet.classifiers" \
	"${MAVEN_REPOSITORY:-$HOME/.m2/repository}/org/openpnp/opencv/4.9.0-0/opencv-4.9.0-0.jar" \
	"-Xmx3g --enable-native-access=ALL-UNNAMED" "$@"
