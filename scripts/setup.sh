#!/usr/bin/env bash
# One-command set-up on a fresh Debian 12 machine: installs what the build and the tests need from Debian's
# packages, builds the plugin (target/federationgateway.jar) and the standalone gateway
# (standalone/target/federationgateway-standalone.jar), then brings up the local federation lab on 127.0.90.x.
# With OPENFIRE_HOME set to an installed Openfire 5.x, the lab's local domain is that Openfire with the plugin.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh
mvn -B -ntp package -DskipTests
echo
echo "Built target/federationgateway.jar (upload it in Openfire's admin console: Plugins > Upload Plugin)"
echo "and standalone/target/federationgateway-standalone.jar (the gateway beside Prosody or ejabberd)."
echo
# A lab left up by an earlier run would still hold the previous build.
scripts/lab.sh down >/dev/null
scripts/lab.sh up
