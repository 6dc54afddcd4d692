#!/usr/bin/env bash
# The "traditional vs deep" report: the four shipped features → classifier baselines
# (examples/linear-pixels, lbp-svm, hog-svm, gabor-pca-svm) beside CNN runs on the same synthetic test split,
# in one `facet compare --report`: accuracy, macro-F1, per-class recall, training time,
# time per face, parameters and model size, accuracy on occluded and clean faces, and McNemar
# (all faces and occluded faces) between every pair of experiments.
#
#   releng/reports/traditional-vs-deep.sh [--out DIR] [--runs DIR] [--no-train] [RUN...]
#
#   RUN...      CNN runs (ids in the run store or run folders). Without any, the newest completed
#               run of each of model-1, model-2, vgg-baseline and resnet18-baseline in the run
#               store is taken (missing ones are named and left out).
#   --no-train  take the newest completed run of each traditional example from the run store
#               instead of training them anew (each trains in well under a minute on 2 cores).
#   --runs DIR  the run store (default $FACET_RUNS or ~/.facet/runs).
#   --out DIR   the report folder (default ./reports/traditional-vs-deep-<UTC stamp>).
#
# Needs the product (./mvnw -B -o clean verify -DskipTests). The CNN runs must use the traditional
# examples' dataset ({"id": "synthetic", "params": {"perClass": 400, "size": 48}}); a run on other
# samples is reported as "not tested" in the pairwise section. Exit status: that of facet compare,
# 1 when a traditional example fails to train, 2 for bad arguments.
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/lib.sh"

TRADITIONAL=(linear-pixels lbp-svm hog-svm gabor-pca-svm)
DEEP=(model-1 model-2 vgg-baseline resnet18-baseline)

out=""
train=1
deep=()
while [ $# -gt 0 ]; do
	case "$1" in
		--out) [ $# -ge 2 ] || { echo "traditional-vs-deep.sh: --out needs a folder" >&2; exit 2; }; out="$(realpath -m "$2")"; shift 2 ;;
		--runs) [ $# -ge 2 ] || { echo "traditional-vs-deep.sh: --runs needs a folder" >&2; exit 2; }; export FACET_RUNS="$(realpath -m "$2")"; shift 2 ;;
		--no-train) train=0; shift ;;
		-h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
		-*) echo "traditional-vs-deep.sh: unknown option '$1' (known: --out, --runs, --no-train)" >&2; exit 2 ;;
		*) if [ -e "$1" ]; then deep+=("$(realpath "$1")"); else deep+=("$1"); fi; shift ;;
	esac
done
runs="${FACET_RUNS:-$HOME/.facet/runs}"
export FACET_RUNS="$runs"
out="${out:-$PWD/reports/traditional-vs-deep-$(date -u +%Y%m%dT%H%M%SZ)}"
cd "$FACET_ROOT"

# The newest completed, evaluated run of an experiment in the run store (ids start with a UTC stamp).
newest_run() {
	local name="$1" folder
	[ -d "$runs" ] || return 1
	for folder in $(ls -d "$runs"/*-"$name"-s* 2>/dev/null | sort -r); do
		if grep -Eq "\"experiment\" *: *\"$name\"" "$folder/run.json" 2>/dev/null \
			&& grep -Eq '"status" *: *"COMPLETED"' "$folder/run.json" \
			&& [ -f "$folder/evaluation-test.json" ]; then
			echo "$folder"
			return 0
		fi
	done
	return 1
}

selected=()
for name in "${TRADITIONAL[@]}"; do
	if [ "$train" = 1 ]; then
		echo "== training examples/$name.facet.json" >&2
		log="$(mktemp)"
		if ! ./facet train "examples/$name.facet.json" | tee "$log"; then
			echo "traditional-vs-deep.sh: examples/$name.facet.json failed to train" >&2
			rm -f "$log"
			exit 1
		fi
		folder="$(sed -n 's/^  folder //p' "$log" | head -1)"
		rm -f "$log"
		[ -n "$folder" ] || { echo "traditional-vs-deep.sh: facet train printed no run folder for $name" >&2; exit 1; }
	else
		folder="$(newest_run "$name")" || { echo "traditional-vs-deep.sh: no completed $name run in $runs (run without --no-train)" >&2; exit 1; }
	fi
	selected+=("$folder")
done

if [ ${#deep[@]} -eq 0 ]; then
	for name in "${DEEP[@]}"; do
		if folder="$(newest_run "$name")"; then
			deep+=("$folder")
		else
			echo "traditional-vs-deep.sh: no completed $name run in $runs: left out (train it with ./facet train examples/$name.facet.json)" >&2
		fi
	done
fi
[ ${#deep[@]} -gt 0 ] || echo "traditional-vs-deep.sh: no CNN run given or found: the report holds the traditional runs only" >&2

echo "== report of ${#selected[@]} traditional and ${#deep[@]} CNN runs into $out" >&2
./facet compare "${selected[@]}" "${deep[@]}" --report "$out"
