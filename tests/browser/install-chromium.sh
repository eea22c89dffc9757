#!/bin/sh
# Installs Debian's headless-capable Chromium for tests/SeedCorr.Browser.Tests. Idempotent: does nothing when a
# chromium binary is already on PATH. CI runs it as root on a fresh machine; elsewhere it needs sudo.
set -eu
if command -v chromium >/dev/null 2>&1; then
    echo "chromium already installed: $(command -v chromium)"
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core
command -v chromium
