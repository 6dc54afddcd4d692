#!/usr/bin/env bash
# Facet's benchmark suite is `./facet bench` (bundle facet.bench, shipped in the product): models
# (Facet against bare DJL), MXNet threads, data pipeline against training, detectors and the
# analyze chain per frame, peak memory, and how cost grows. Not part of the tests or CI. This
# wrapper builds the product when it is missing, then runs the command.
#
#   releng/benchmarks/run.sh              full suite, appended to releng/benchmarks/results.md, curves as PNG beside it
#   releng/benchmarks/run.sh --quick      fewer steps and frames
#   releng/benchmarks/run.sh --dry        print only, append nothing
#   releng/benchmarks/run.sh --out FILE   append to FILE (curves beside it)
#   releng/benchmarks/run.sh --build      rebuild the product first
#
# Trained Viola-Jones / Cascade CNN models are optional: FACET_BENCH_VIOLA_JONES=MODEL.json,
# FACET_BENCH_CASCADE_CNN=MODEL_FOLDER.
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/lib.sh"
find_java
cd "$FACET_ROOT"

args=()
build=0
for arg in "$@"; do
	case "$arg" in
		--build) build=1 ;;
		--no-build) ;; # the former default; the product is reused when present
		*) args+=("$arg") ;;
	esac
done
if [ "$build" = 1 ] || ! ls "$FACET_PRODUCT"/plugins/facet.bench_*.jar >/dev/null 2>&1; then
	./mvnw -B -o -q clean verify -DskipTests
fi
exec ./facet bench "${args[@]}"
