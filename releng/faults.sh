#!/usr/bin/env bash
# Fault injection that needs a real process to die: `kill -9` of `./facet train` mid-epoch, then
# `facet resume`. Runs against the materialized product (releng/test.sh calls it after the
# Maven build, whose test bundles run before the product exists); the in-process cases are the
# bundle facet.faults.tests, whose Maven run leaves its counts in
# bundles/facet.faults.tests/target/fault-injection-counts.txt. Prints one line per process case,
# then the one line of the whole suite (in-process and process cases together):
#   fault injection: N tried, N passed, N data lost (I in process, P with the product)
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$FACET_ROOT"

if ! ls "$FACET_PRODUCT"/plugins/org.eclipse.equinox.launcher_*.jar >/dev/null 2>&1; then
	echo "faults: skipped: the product is not built (run releng/test.sh, or ./mvnw -B -o clean verify -DskipTests)" >&2
	exit 0
fi

tried=0; passed=0; lost=0
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
case_result() { # $1 = ok|fail|lost, $2 = description
	tried=$((tried + 1))
	case "$1" in
		ok) passed=$((passed + 1)); echo "ok    $2" ;;
		lost) lost=$((lost + 1)); echo "LOST  $2" ;;
		*) echo "FAIL  $2" ;;
	esac
}

cat > "$tmp/kill.facet.json" <<'JSON'
{"format": 1, "name": "kill",
 "dataset": {"id": "synthetic", "params": {"perClass": 80, "size": 32, "identities": 30, "seed": 5}},
 "preprocessors": [{"id": "normalize"}],
 "augmentations": [{"id": "hflip"}],
 "backbone": {"id": "separable", "params": {"stages": 2, "width": 8}},
 "head": {"id": "embedding", "params": {"size": 16, "dropout": 0.1}},
 "loss": {"terms": [{"id": "cross-entropy", "weight": 1.0}]},
 "optimizer": {"name": "adam", "learningRate": 0.003, "weightDecay": 0},
 "epochs": 3, "batchSize": 16, "seed": 11}
JSON

# every JSON file parses and every metrics line is whole (an unterminated last line is allowed:
# readers skip it); temporary files carry the .tmp- prefix and never look whole
run_files_parse() {
	python3 - "$1" <<'PY'
import json, os, sys
bad = []
for root, dirs, files in os.walk(sys.argv[1]):
    if "/.tmp-" in root + "/":
        continue
    for f in files:
        p = os.path.join(root, f)
        if f.startswith(".tmp-"):
            continue
        try:
            if f.endswith(".json"):
                json.load(open(p))
            elif f.endswith(".jsonl"):
                text = open(p).read()
                lines = text.split("\n")
                whole = lines[:-1]
                for line in whole:
                    json.loads(line)
        except Exception as e:
            bad.append(f"{p}: {e}")
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
}

# 1. kill -9 mid-epoch: the process gets its own group, so the JVM dies with the launcher script
setsid ./facet train "$tmp/kill.facet.json" --runs "$tmp/runs" >"$tmp/train.out" 2>"$tmp/train.err" &
pid=$!
killed=""
for _ in $(seq 1 600); do
	metrics="$(ls "$tmp"/runs/*/metrics.jsonl 2>/dev/null | head -1)"
	if [ -n "$metrics" ] && [ "$(wc -l <"$metrics")" -ge 1 ]; then
		sleep 1 # into the second epoch
		kill -9 -- "-$pid" 2>/dev/null && killed=1
		break
	fi
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.2
done
wait "$pid" 2>/dev/null
run="$(ls -d "$tmp"/runs/*/ 2>/dev/null | head -1)"
if [ -z "$killed" ] || [ -z "$run" ]; then
	case_result fail "kill -9 of facet train mid-epoch (the run did not reach its first epoch, or ended first)"
	sed 's/^/      /' "$tmp/train.err" | tail -20
elif problems="$(run_files_parse "$run")"; then
	case_result ok "kill -9 of facet train mid-epoch leaves every run file whole"
else
	case_result lost "kill -9 of facet train mid-epoch leaves every run file whole"; echo "$problems" | sed 's/^/      /'
fi

# 2. resume ends like an uninterrupted run with the same seed
if [ -n "$run" ] && ./facet resume "$(basename "$run")" --runs "$tmp/runs" >"$tmp/resume.out" 2>"$tmp/resume.err" \
	&& ./facet train "$tmp/kill.facet.json" --runs "$tmp/whole" >"$tmp/whole.out" 2>"$tmp/whole.err"; then
	whole="$(ls -d "$tmp"/whole/*/ | head -1)"
	if diff="$(python3 - "$run" "$whole" <<'PY'
import json, sys
def metrics(folder):
    rows = [json.loads(l) for l in open(folder + "/metrics.jsonl") if l.strip()]
    return [{k: v for k, v in r.items() if k not in ("imagesPerSecond", "seconds")} for r in rows]
a, b = metrics(sys.argv[1]), metrics(sys.argv[2])
status = json.load(open(sys.argv[1] + "/run.json"))["status"]
problems = []
if status != "COMPLETED":
    problems.append("resumed run is " + status)
if len(a) != len(b):
    problems.append(f"{len(a)} epochs resumed, {len(b)} uninterrupted")
for ra, rb in zip(a, b):
    for k in rb:
        x, y = ra.get(k), rb[k]
        if not isinstance(y, (int, float)) or abs(x - y) > 1e-4 * max(1.0, abs(y)):
            problems.append(f"epoch {rb['epoch']} {k}: resumed {x}, uninterrupted {y}")
ea = json.load(open(sys.argv[1] + "/evaluation-test.json"))["accuracy"]
eb = json.load(open(sys.argv[2] + "/evaluation-test.json"))["accuracy"]
if abs(ea - eb) > 1e-9:
    problems.append(f"test accuracy resumed {ea}, uninterrupted {eb}")
print("\n".join(problems))
sys.exit(1 if problems else 0)
PY
)"; then
		case_result ok "facet resume after kill -9 ends with the metrics of an uninterrupted run (same seed)"
	else
		case_result fail "facet resume after kill -9 ends with the metrics of an uninterrupted run (same seed)"; echo "$diff" | sed 's/^/      /'
	fi
else
	case_result fail "facet resume after kill -9 completes the run"
	sed 's/^/      /' "$tmp/resume.err" "$tmp/whole.err" 2>/dev/null | tail -20
fi

# the in-process cases of the Maven build (a clean build removes stale counts)
counts="bundles/facet.faults.tests/target/fault-injection-counts.txt"
in_tried=0; in_passed=0; in_lost=0; note=""
if [ -f "$counts" ]; then
	in_tried="$(sed -n 's/^tried=//p' "$counts")"; in_passed="$(sed -n 's/^passed=//p' "$counts")"; in_lost="$(sed -n 's/^lost=//p' "$counts")"
else
	note="; the in-process cases did not run: $counts is missing (run releng/test.sh, or ./mvnw -B -o clean verify -pl bundles/facet.faults.tests -am)"
fi
echo "fault injection: $((tried + in_tried)) tried, $((passed + in_passed)) passed, $((lost + in_lost)) data lost" \
	"($in_tried in process, $tried with the product$note)"
[ "$passed" = "$tried" ] && [ "$in_passed" = "$in_tried" ] && [ "$((lost + in_lost))" = 0 ]
