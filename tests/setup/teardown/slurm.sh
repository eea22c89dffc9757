#!/usr/bin/env bash
# Stops the cluster tests/setup/slurm.sh started (only when it wrote the configuration).
set -uo pipefail
grep -qF '# written by SeedCorr tests/setup/slurm.sh' /etc/slurm/slurm.conf 2>/dev/null || exit 0
scancel --state=PENDING,RUNNING -u root >/dev/null 2>&1 || true
pkill -x slurmd; pkill -x slurmctld
for _ in $(seq 1 20); do pgrep -x slurmd >/dev/null || pgrep -x slurmctld >/dev/null || break; sleep 0.5; done
echo "slurm: stopped"
