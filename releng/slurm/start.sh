#!/usr/bin/env bash
# Starts a single-node Slurm cluster on loopback for the sweep tests (and for trying sweeps on one
# machine): munged, slurmctld and slurmd as background processes (no systemd needed), with a
# generated slurm.conf. Installs Debian's packages when they are missing (root or sudo).
# Idempotent: when the cluster already answers, it says so and does nothing.
#
#   releng/slurm/start.sh      then: sbatch/squeue work as usual; FACET_SLURM_DIR holds the state
#   releng/slurm/stop.sh       stops the daemons by their saved PIDs
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

SLURM_DIR="${FACET_SLURM_DIR:-${TMPDIR:-/tmp}/facet-slurm}"
PACKAGES=(slurmctld slurmd slurm-client slurm-wlm-basic-plugins munge)
say() { echo "slurm: $*"; }

if [ -f "$SLURM_DIR/pids" ] && scontrol ping >/dev/null 2>&1; then
	say "already running (state in $SLURM_DIR)"
	exit 0
fi

missing=()
for p in "${PACKAGES[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
if [ ${#missing[@]} -gt 0 ]; then
	if [ -n "$SUDO" ] && ! command -v sudo >/dev/null; then
		say "missing Debian packages: ${missing[*]}; install them with: apt-get install --no-install-recommends ${missing[*]}" >&2
		exit 1
	fi
	say "installing ${missing[*]}"
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 \
		|| { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }
fi

mkdir -p "$SLURM_DIR"/{spool,state,log}
cpus="$(nproc)"
# slurm.conf lives where the client commands look for it; an existing cluster configuration is kept
conf=/etc/slurm/slurm.conf
if [ -f "$conf" ] && ! grep -q "^# facet single-node test cluster" "$conf"; then
	say "$conf exists and is not Facet's test cluster: leaving it alone" >&2
	exit 1
fi
$SUDO mkdir -p /etc/slurm
$SUDO tee "$conf" >/dev/null <<CONF
# facet single-node test cluster (releng/slurm/start.sh)
ClusterName=facet
SlurmctldHost=localhost
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$SLURM_DIR/state
SlurmdSpoolDir=$SLURM_DIR/spool
SlurmctldPidFile=$SLURM_DIR/slurmctld.pid
SlurmdPidFile=$SLURM_DIR/slurmd.pid
SlurmctldLogFile=$SLURM_DIR/log/slurmctld.log
SlurmdLogFile=$SLURM_DIR/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$SLURM_DIR/log/jobcomp.txt
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerParameters=batch_sched_delay=0
MinJobAge=30
MailProg=/bin/true
ReturnToService=2
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF

if [ ! -f /etc/munge/munge.key ]; then
	$SUDO mkdir -p /etc/munge
	$SUDO mungekey --create --keyfile=/etc/munge/munge.key
	$SUDO chown munge:munge /etc/munge/munge.key
	$SUDO chmod 0400 /etc/munge/munge.key
fi
$SUDO mkdir -p /run/munge /var/log/munge /var/lib/munge
$SUDO chown munge:munge /run/munge /var/log/munge /var/lib/munge

: > "$SLURM_DIR/pids"
if ! pgrep -u munge -x munged >/dev/null 2>&1; then
	# as the munge user (runuser needs root, sudo -u does the same for others)
	as_munge=(runuser -u munge --); [ -n "$SUDO" ] && as_munge=(sudo -u munge)
	"${as_munge[@]}" /usr/sbin/munged --foreground >"$SLURM_DIR/log/munged.out" 2>&1 &
	echo "munged $!" >> "$SLURM_DIR/pids"
	for _ in $(seq 50); do [ -S /run/munge/munge.socket.2 ] && break; sleep 0.1; done
fi
$SUDO /usr/sbin/slurmctld -D -i >"$SLURM_DIR/log/slurmctld.out" 2>&1 &
echo "slurmctld $!" >> "$SLURM_DIR/pids"
$SUDO /usr/sbin/slurmd -D -N localhost >"$SLURM_DIR/log/slurmd.out" 2>&1 &
echo "slurmd $!" >> "$SLURM_DIR/pids"

for _ in $(seq 100); do
	if sinfo -h -o '%T' 2>/dev/null | grep -qx idle; then
		say "up: node localhost ($cpus CPUs) idle; state in $SLURM_DIR"
		exit 0
	fi
	sleep 0.2
done
say "the node did not become idle in 20 s; logs in $SLURM_DIR/log" >&2
sinfo >&2 || true
exit 1
