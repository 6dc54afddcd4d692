#!/usr/bin/env bash
# Stops the daemons that releng/slurm/start.sh started, by their saved PIDs, and removes the PID files.
set -uo pipefail
SLURM_DIR="${FACET_SLURM_DIR:-${TMPDIR:-/tmp}/facet-slurm}"
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
[ -f "$SLURM_DIR/pids" ] || { echo "slurm: not started by releng/slurm/start.sh (no $SLURM_DIR/pids)"; exit 0; }
# slurmd first so that no node waits on a vanished controller; munged last
for name in slurmd slurmctld munged; do
	pid="$(awk -v n="$name" '$1 == n {print $2}' "$SLURM_DIR/pids")"
	[ -n "$pid" ] || continue
	$SUDO kill "$pid" 2>/dev/null || true
	for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
	kill -0 "$pid" 2>/dev/null && $SUDO kill -9 "$pid" 2>/dev/null
done
# slurmctld -D leaves its PID file behind
rm -f "$SLURM_DIR/pids" "$SLURM_DIR/slurmctld.pid" "$SLURM_DIR/slurmd.pid"
echo "slurm: stopped"
