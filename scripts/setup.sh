#!/usr/bin/env bash
# One-command set-up on a fresh Debian 12 machine: installs what the build and the tests need from Debian's
# packages, then builds the plugin (target/federationgateway.jar).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh
mvn -B -ntp package -DskipTests
echo
echo "Built target/federationgateway.jar: upload it in Openfire's admin console (Plugins > Upload Plugin)."
