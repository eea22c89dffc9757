#!/usr/bin/env bash
# Starts a real single-node Slurm cluster for the cluster tests (Debian's slurm-wlm 22.05 + munge), as root:
# munged with the package's (or a generated) key, slurmctld and slurmd with proctrack/linuxproc and task/none,
# one node (this machine, as `slurmd -C` describes it) in one partition `seedcorr`, no accounting.
# Idempotent: installs only what is missing, reuses a running cluster, never overwrites a slurm.conf it did not write.
# Prints "slurm: ready" when `sinfo` shows the node idle. Stop it with tests/setup/teardown/slurm.sh.
set -euo pipefail
state=/var/lib/seedcorr-slurm
conf=/etc/slurm/slurm.conf
marker='# written by SeedCorr tests/setup/slurm.sh'

if [ "$(id -u)" -ne 0 ]; then echo "slurm: needs root (CI runs as root); skipped" >&2; exit 1; fi

if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null; then
  echo "slurm: installing slurm-wlm and munge"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq slurm-wlm munge >/dev/null
fi

if sinfo -h -o '%T' 2>/dev/null | grep -qx 'idle'; then echo "slurm: ready (already running)"; exit 0; fi

mkdir -p "$state" /var/log/slurm /run/munge /var/lib/munge /var/log/munge
if [ ! -s /etc/munge/munge.key ]; then
  dd if=/dev/urandom of=/etc/munge/munge.key bs=1 count=1024 status=none
fi
chown -R munge:munge /etc/munge /run/munge /var/lib/munge /var/log/munge
chmod 0700 /etc/munge; chmod 0400 /etc/munge/munge.key
if ! pgrep -x munged >/dev/null; then
  runuser -u munge -- /usr/sbin/munged
fi

if [ -e "$conf" ] && ! grep -qF "$marker" "$conf"; then
  echo "slurm: $conf exists and was not written by SeedCorr; using it as it is" >&2
else
  node=$(slurmd -C | head -n 1)
  host=$(echo "$node" | sed -E 's/^NodeName=([^ ]+).*/\1/')
  cat > "$conf" <<CONF
$marker
ClusterName=seedcorr
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
StateSaveLocation=$state/ctld
SlurmdSpoolDir=$state/d
SlurmctldPidFile=$state/slurmctld.pid
SlurmdPidFile=$state/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
MinJobAge=3600
$node State=UNKNOWN
PartitionName=seedcorr Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
fi
mkdir -p "$state/ctld" "$state/d"

pgrep -x slurmctld >/dev/null || /usr/sbin/slurmctld
pgrep -x slurmd >/dev/null || /usr/sbin/slurmd

for _ in $(seq 1 60); do
  if sinfo -h -o '%T' 2>/dev/null | grep -qx 'idle'; then echo "slurm: ready"; sinfo; exit 0; fi
  sleep 1
done
echo "slurm: the node did not become idle in 60 s" >&2
sinfo >&2 || true
tail -n 20 /var/log/slurm/slurmctld.log /var/log/slurm/slurmd.log >&2 || true
exit 1
