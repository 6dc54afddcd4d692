#!/usr/bin/env bash
# Training scenes with real faces for `facet detector train viola-jones|cascade-cnn`: the 100 LFW
# faces of scikit-image's lfw_subset.npy pasted on LFW background crops and on face-free
# scikit-image photos (releng/setup.sh fetches both from Debian's python3-skimage).
#
#   releng/data/lfw-scenes.sh OUT_DIR [SCENES=400] [SEED=1]
#   ./facet detector train viola-jones --annotations OUT_DIR/annotations.tsv --out vj.json
#   (add --param backgrounds=$FACET_CACHE/skimage/face-free to mine negatives from the face-free
#   photos at full size too; measured no better on the demo photos, releng/benchmarks/results.md)
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/lib.sh"
find_java
[ $# -ge 1 ] || { echo "usage: releng/data/lfw-scenes.sh OUT_DIR [SCENES] [SEED]" >&2; exit 2; }
data="$FACET_CACHE/skimage"
[ -f "$data/lfw_subset.npy" ] || { echo "lfw-scenes.sh: $data/lfw_subset.npy is missing: run releng/setup.sh" >&2; exit 1; }
exec "$JAVA_HOME/bin/java" "$FACET_ROOT/releng/data/LfwScenes.java" "$data/lfw_subset.npy" "$1" "${2:-400}" "${3:-1}" "$data"/face-free/*
