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
source "$FACET_ROOT/releng/benchmarks/plain-benchmark.sh"
run_plain_benchmark pipeline.sh releng/benchmarks/PipelineBenchmark.java \
	"facet.core facet.data.transforms facet.engine" "" "-Xmx2g" "$@"
