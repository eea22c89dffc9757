#!/usr/bin/env bash
# Headless Chromium for the browser tests (tests/SeedCorr.Browser.Tests), from Debian's package.
exec bash "$(dirname "$0")/../browser/install-chromium.sh"
