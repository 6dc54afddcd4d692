#!/usr/bin/env bash
# End-to-end sweep with the real `facet train`: the seeds × ablation sweep of the tiny model 2
# (examples/sweeps/model-2-tiny-ablation.sweep.json, 5 points × 2 seeds) runs with --executor
# local and, when a Slurm controller answers (releng/slurm/start.sh), as one job array on it,
# with one task made to fail and then retried, and a second submission cancelled. Checks that
# every point ends as a run and that the comparison with confidence intervals and the ablation
# table is written. Prints what a run costs (process start vs the run itself) for docs/cluster.md.
#
#   releng/sweep-test.sh            (releng/test.sh calls it after the product is built)
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$FACET_ROOT"

if ! ls "$FACET_PRODUCT"/plugins/org.eclipse.equinox.launcher_*.jar >/dev/null 2>&1; then
	echo "sweep-test: skipped: the product is not built (./mvnw -B -o clean verify -DskipTests)" >&2
	exit 0
fi
passed=0; failed=0
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
runs="$tmp/runs"
sweep_file=examples/sweeps/model-2-tiny-ablation.sweep.json
ok() { passed=$((passed + 1)); echo "ok    $1"; }
fail() { failed=$((failed + 1)); echo "FAIL  $1"; [ -n "${2:-}" ] && sed 's/^/      /' "$2" | tail -25; }
newest_sweep() { ls -dt "$runs"/sweeps/*/ | head -1 | sed 's:/$::'; }
comparison_ok() { # $1 = sweep folder: mean ± sd [95 % CI] per point, and the ablation table
	local c="$1/comparison.txt"
	[ -f "$c" ] && grep -q "95 % CI" "$c" && grep -q "Ablation against" "$c" && grep -q "without cam at stage2" "$c" \
		&& [ "$(wc -l < "$1/points.csv")" = 6 ]
}
# task wall times from the task logs, and the runs' own times from run.json (started → ended)
costs() { # $1 = sweep folder, $2 = label
	python3 - "$1" "$2" "$runs" <<'PY'
import json, os, re, sys, datetime
folder, label, runs = sys.argv[1:]
walls, cpus = [], []
for name in os.listdir(os.path.join(folder, "logs")):
    text = open(os.path.join(folder, "logs", name), errors="replace").read()
    m = re.search(r"ended with exit status 0 after ([0-9.]+) s", text)
    c = re.search(r"used ([0-9.]+) s user \+ ([0-9.]+) s system CPU", text)
    if m and c:
        walls.append(float(m.group(1))); cpus.append(float(c.group(1)) + float(c.group(2)))
index = json.load(open(os.path.join(folder, "index.json")))
inside = []
for t in index["tasks"]:
    if not t["run"]: continue
    info = json.load(open(os.path.join(runs, t["run"], "run.json")))
    p = lambda s: datetime.datetime.fromisoformat(s.replace("Z", "+00:00"))
    if info.get("ended"): inside.append((p(info["ended"]) - p(info["started"])).total_seconds())
if walls and inside:
    w = sum(walls) / len(walls); i = sum(inside) / len(inside)
    print(f"cost ({label}): {len(walls)} tasks, task wall {w:.1f} s mean, of which the run itself (data, training, evaluation) {i:.1f} s; "
          f"process start and the rest {w - i:.1f} s; CPU {sum(cpus) / len(cpus):.1f} s per task (user + system)")
PY
}

start=$(date +%s)
TIMEFORMAT="%R s wall, %U s user + %S s system CPU"
echo "cost: facet version (JVM + OSGi start, no training): $( { time ./facet version >/dev/null 2>&1; } 2>&1 )"

# --- local: the worker processes on this machine
t0=$(date +%s)
if ./facet sweep "$sweep_file" --executor local --parallel 2 --runs "$runs" >"$tmp/local.out" 2>&1 && grep -q "  10 done" "$tmp/local.out"; then
	ok "local sweep: 5 points × 2 seeds, 10 runs done ($(( $(date +%s) - t0 )) s)"
else
	fail "local sweep: 5 points × 2 seeds, 10 runs done" "$tmp/local.out"
fi
local_sweep="$(newest_sweep)"
comparison_ok "$local_sweep" && ok "local sweep: comparison with 95 % CIs and the ablation table" || fail "local sweep: comparison with 95 % CIs and the ablation table" "$local_sweep/comparison.txt"
costs "$local_sweep" "local, 2 workers × 1 thread"

# --- Slurm: one job array on the single-node cluster
if ! scontrol ping >/dev/null 2>&1; then
	echo "skip  Slurm sweep: no Slurm controller answers (scontrol ping); start one with releng/slurm/start.sh"
else
	# a launcher that fails task 3 while the marker exists, as a crashed node would
	cat > "$tmp/facet" <<SH
#!/usr/bin/env bash
if [ -e "$tmp/fail-task-3" ] && [ "\${SLURM_ARRAY_TASK_ID:-}" = 3 ]; then echo "failing task 3 on purpose"; exit 3; fi
exec "$FACET_ROOT/facet" "\$@"
SH
	chmod +x "$tmp/facet"
	touch "$tmp/fail-task-3"
	t0=$(date +%s)
	./facet sweep "$sweep_file" --executor slurm --wait --runs "$runs" --launcher "$tmp/facet" >"$tmp/slurm.out" 2>&1
	code=$?
	slurm_sweep="$(newest_sweep)"
	if [ "$code" = 1 ] && grep -q "submitted job array" "$tmp/slurm.out" && grep -q "9 done, 1 failed" "$tmp/slurm.out" \
		&& grep -qE "^  3 .* failed " "$tmp/slurm.out" && [ "$(cat "$slurm_sweep/tasks/3.exit")" = 3 ]; then
		ok "Slurm sweep: one job array, 9 runs done, task 3 failed with exit status 3 ($(( $(date +%s) - t0 )) s)"
	else
		fail "Slurm sweep: one job array, 9 runs done, task 3 failed with exit status 3" "$tmp/slurm.out"
	fi
	[ ! -f "$slurm_sweep/comparison.txt" ] && ok "Slurm sweep: no comparison while a task failed" || fail "Slurm sweep: no comparison while a task failed"
	rm -f "$tmp/fail-task-3"
	if ./facet sweep retry "$slurm_sweep" --wait --runs "$runs" >"$tmp/retry.out" 2>&1 && grep -q "retrying 1 tasks" "$tmp/retry.out" \
		&& grep -q "  10 done" "$tmp/retry.out"; then
		ok "Slurm sweep: retry resubmits only the failed task; 10 runs done"
	else
		fail "Slurm sweep: retry resubmits only the failed task; 10 runs done" "$tmp/retry.out"
	fi
	comparison_ok "$slurm_sweep" && ok "Slurm sweep: comparison with 95 % CIs and the ablation table" || fail "Slurm sweep: comparison with 95 % CIs and the ablation table" "$slurm_sweep/comparison.txt"
	costs "$slurm_sweep" "Slurm, 2 tasks × 1 CPU"

	# cancel: a second submission stopped while its first tasks run
	./facet sweep "$sweep_file" --executor slurm --runs "$runs" >"$tmp/submit.out" 2>&1
	cancel_sweep="$(newest_sweep)"
	for _ in $(seq 100); do squeue -h -t RUNNING 2>/dev/null | grep -q . && break; sleep 0.2; done
	./facet sweep cancel "$cancel_sweep" --runs "$runs" >"$tmp/cancel.out" 2>&1
	for _ in $(seq 60); do
		./facet sweep status "$cancel_sweep" --runs "$runs" >"$tmp/status.out" 2>&1
		grep -qE "(pending|running)" "$tmp/status.out" || break
		sleep 1
	done
	if grep -q "cancelled 10 pending or running tasks" "$tmp/cancel.out" && grep -q "  10 cancelled" "$tmp/status.out"; then
		ok "Slurm sweep: cancel stops the array; all 10 tasks cancelled"
	else
		fail "Slurm sweep: cancel stops the array; all 10 tasks cancelled" "$tmp/status.out"
		cat "$tmp/cancel.out"
	fi
fi
echo "sweep-test: $passed passed, $failed failed in $(( $(date +%s) - start )) s"
[ "$failed" = 0 ]
