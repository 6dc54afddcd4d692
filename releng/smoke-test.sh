#!/usr/bin/env bash
# Checks the materialized product through ./facet, as a user or a script calls it.
# Prints one line per check and a closing "N passed, N failed".
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$FACET_ROOT"

passed=0; failed=0
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
check() { # $1 = description, then the command; the command's success is the check
	local what="$1"; shift
	if "$@" >"$tmp/out" 2>"$tmp/err"; then
		passed=$((passed + 1)); echo "ok    $what"
	else
		failed=$((failed + 1)); echo "FAIL  $what"; sed 's/^/      /' "$tmp/out" "$tmp/err" | head -20
	fi
}
status_is() { # $1 = expected exit status, then the command
	local expected="$1"; shift
	"$@" >"$tmp/cmd.out" 2>"$tmp/cmd.err"; local got=$?
	cat "$tmp/cmd.out"; cat "$tmp/cmd.err" >&2
	[ "$got" = "$expected" ] || { echo "exit status $got, expected $expected" >&2; return 1; }
}
valid_json_with() { # $1 = a string that must appear in the JSON on stdin
	python3 -c 'import json,sys; d=json.load(sys.stdin); assert isinstance(d, list), "not an array"; print(len(d), "modules")' <"$tmp/cmd.out" \
		&& grep -q -- "$1" "$tmp/cmd.out"
}

testmodules="$(ls bundles/facet.testmodules/target/facet.testmodules-*.jar 2>/dev/null | grep -v sources | head -1)"

check "facet version names the MXNet engine" bash -c './facet version | grep -q "^engine MXNet "'
check "facet help exits 0" ./facet help
check "facet modules --json is a JSON array" bash -c "./facet modules --json > '$tmp/cmd.out' && python3 -m json.tool '$tmp/cmd.out' >/dev/null"
check "facet --plugin installs a module bundle at run time" bash -c "[ -n '$testmodules' ] && ./facet --plugin '$testmodules' modules --json > '$tmp/cmd.out' && grep -q '\"id\": \"test-backbone\"' '$tmp/cmd.out' && grep -q '\"bundle\": \"facet.testmodules\"' '$tmp/cmd.out'"

cat > "$tmp/broken.facet.json" <<'JSON'
{"format": 1, "name": "broken", "dataset": {"id": "test-dataset"}, "backbone": {"id": "test-backbone"},
 "head": {"id": "test-head"}, "loss": {"terms": [{"id": "test-loss", "params": {"label": "a"}},
 {"id": "test-loss", "weight": "x", "params": {"label": "b"}}]}}
JSON
check "a broken experiment exits 2 naming its JSON path" bash -c "./facet --plugin '$testmodules' validate '$tmp/broken.facet.json' 2>'$tmp/v.err'; [ \$? = 2 ] && grep -q '\\\$.loss.terms\\[1\\].weight: expected a number ≥ 0, got \"x\"' '$tmp/v.err'"
check "an unknown command exits 2" bash -c './facet frobnicate 2>/dev/null; [ $? = 2 ]'
check "a missing file exits 2" bash -c './facet validate /nonexistent.facet.json 2>/dev/null; [ $? = 2 ]'
check "facet schema is JSON" bash -c "./facet schema | python3 -m json.tool >/dev/null"

demo="$FACET_CACHE/face-api/demo"
check "facet analyze (the main job) finds and classifies the faces of a demo photo" bash -c "./facet analyze --json --out '$tmp/analyze' '$demo/sample1.jpg' > '$tmp/analyze.json' && python3 -c \"
import json; d=json.load(open('$tmp/analyze.json')); f=d[0]['faces']
assert len(f) >= 2, f
assert all(sum(x['expression']['probabilities'].values()) > 0.99 and len(x['landmarks']) == 5 for x in f), f
\" && [ -f '$tmp/analyze/sample1.analyzed.png' ] && [ -f '$tmp/analyze/faces.csv' ]"
check "facet analyze --shard splits inputs without overlap" bash -c "./facet analyze --json --shard 1/2 --out '$tmp/s1' '$demo/sample1.jpg' '$demo/sample3.jpg' > '$tmp/s1.json' && ./facet analyze --json --shard 2/2 --out '$tmp/s2' '$demo/sample1.jpg' '$demo/sample3.jpg' > '$tmp/s2.json' && python3 -c \"
import json; a=[x['image'] for x in json.load(open('$tmp/s1.json'))]; b=[x['image'] for x in json.load(open('$tmp/s2.json'))]
assert len(a) == 1 and len(b) == 1 and a != b, (a, b)
\""
# sharded analyze: N processes or one Slurm job array, merged, equals one run on the same inputs
# (given unsorted, with a broken image for the per-file error list); "ms" is a timing, not a result
head -c 2000 /dev/urandom > "$tmp/broken.jpg"
shard_inputs=("$demo/sample3.jpg" "$demo/sample1.jpg" "$tmp/broken.jpg" "$demo/sample2.jpg")
same_as_single() { # $1 = output folder of a sharded run
	cmp "$tmp/single/faces.csv" "$1/faces.csv" && cmp "$tmp/single/errors.csv" "$1/errors.csv" && python3 -c "
import json, sys
def load(f):
    d = json.load(open(f))
    for x in d: x.pop('ms', None)
    return d
a, b = load('$tmp/single/faces.json'), load('$1/faces.json')
assert a == b, 'faces.json differs'
assert len(a) == 3 and sum(len(x['faces']) for x in a) >= 4, a
" && [ "$(grep -c broken.jpg "$1/errors.csv")" = 1 ] && [ -f "$1/sample3.analyzed.png" ]
}
export tmp; export -f same_as_single
check "facet analyze of 4 inputs, one broken: exit 1, the broken one in errors.csv" bash -c "./facet analyze --out '$tmp/single' ${shard_inputs[*]} >/dev/null 2>&1; [ \$? = 1 ] && grep -q broken.jpg '$tmp/single/errors.csv'"
check "facet analyze --executor local --shards 2 equals one run (order, faces, errors)" bash -c "./facet analyze --executor local --shards 2 --out '$tmp/local-shards' ${shard_inputs[*]} >/dev/null 2>'$tmp/ls.err'; [ \$? = 1 ] || { cat '$tmp/ls.err'; exit 1; }; same_as_single '$tmp/local-shards'"
if scontrol ping >/dev/null 2>&1; then
	check "facet analyze --executor slurm --shards 3 (one job array) equals one run" bash -c "./facet analyze --executor slurm --shards 3 --out '$tmp/slurm-shards' ${shard_inputs[*]} >'$tmp/ss.out' 2>'$tmp/ss.err'; [ \$? = 1 ] && grep -q 'submitted job array' '$tmp/ss.out' || { cat '$tmp/ss.out' '$tmp/ss.err'; exit 1; }; same_as_single '$tmp/slurm-shards'"
	check "facet analyze --no-wait, then --merge DIR, equals one run" bash -c "./facet analyze --executor slurm --shards 2 --no-wait --out '$tmp/later' ${shard_inputs[*]} >/dev/null 2>&1 || exit 1
		for _ in \$(seq 300); do [ -f '$tmp/later/shards/1.exit' ] && [ -f '$tmp/later/shards/2.exit' ] && break; sleep 0.5; done
		./facet analyze --merge '$tmp/later' >/dev/null 2>&1; [ \$? = 1 ] || exit 1; same_as_single '$tmp/later'"
else
	echo "skip  facet analyze --executor slurm: no Slurm controller answers (scontrol ping); start one with releng/slurm/start.sh"
fi
check "facet analyze --merge of a folder with a missing shard names it" bash -c "rm -rf '$tmp/local-shards/shards/shard-2'; ./facet analyze --merge '$tmp/local-shards' 2>'$tmp/m.err'; [ \$? = 1 ] && grep -q 'shard 2/2 has no output' '$tmp/m.err'"
check "facet predict --model pretrained classifies a face crop" bash -c "./facet predict --model pretrained --json bundles/facet.nn.faceapi.tests/src/facet/nn/faceapi/tests/reference/sample1-a.png | grep -q '\"label\": \"sadness\"'"

# the third-party example: built against the update site that the reactor just wrote, its own test
# installs the jar into Facet and uninstalls it; then the real product picks it up from $FACET_PLUGINS
check "the example ECA module builds against the update site and passes its test" examples/third-party/build.sh -q
mkdir -p "$tmp/plugins"
cp examples/third-party/facet.example.eca/target/facet.example.eca-*.jar "$tmp/plugins/" 2>/dev/null
check "FACET_PLUGINS installs the example module: facet modules lists attention 'eca' from facet.example.eca" bash -c "FACET_PLUGINS='$tmp/plugins' ./facet modules --json > '$tmp/cmd.out' && python3 -c \"
import json; m=[x for x in json.load(open('$tmp/cmd.out')) if x['id'] == 'eca']
assert len(m) == 1 and m[0]['bundle'] == 'facet.example.eca' and m[0]['kind'] == 'attention', m
assert [p['name'] for p in m[0]['parameters']] == ['gamma', 'b', 'kernel'], m
\""

echo "smoke: $passed passed, $failed failed"
[ "$failed" = 0 ]
