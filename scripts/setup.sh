#!/usr/bin/env bash
# One-command set-up on a fresh Debian 12 machine, one line per step, the detail in target/setup.log:
#   1. installs what the build and the tests need from Debian's packages (scripts/install-test-deps.sh: services
#      neither started nor enabled at boot),
#   2. builds the plugin (target/federationgateway.jar) and the standalone gateway
#      (standalone/target/federationgateway-standalone.jar),
#   3. brings up the local federation lab on 127.0.90.x (scripts/lab.sh).
# With OPENFIRE_HOME set to an installed Openfire 5.x, the lab's local domain is that Openfire with the plugin.
set -euo pipefail
cd "$(dirname "$0")/.."
LOG=target/setup.log
mkdir -p target
: >"$LOG"

step() { printf '[%s/3] %s ... ' "$1" "$2"; }
elapsed() { local s=$(( $(date +%s) - $1 )); if [ $s -ge 60 ]; then echo "$((s / 60)) min $((s % 60)) s"; else echo "$s s"; fi; }
failed() { echo "failed"; echo "the end of $LOG:" >&2; tail -30 "$LOG" >&2; exit 1; }

start=$(date +%s)
step 1 "Debian packages"
out=$(bash scripts/install-test-deps.sh "$LOG" 2>&1) || { echo "$out" >>"$LOG"; failed; }
echo "$out" >>"$LOG"
echo "${out##*$'\n'} ($(elapsed "$start"))"

start=$(date +%s)
step 2 "building the plugin and the standalone gateway"
mvn -B -ntp -Dstyle.color=never package -DskipTests </dev/null >>"$LOG" 2>&1 || failed
echo "target/federationgateway.jar and standalone/target/federationgateway-standalone.jar ($(elapsed "$start"))"

start=$(date +%s)
step 3 "starting the lab"
# A lab left up by an earlier run would still hold the previous build.
scripts/lab.sh down >>"$LOG" 2>&1
if ! scripts/lab.sh up >"$LOG.lab" 2>&1; then cat "$LOG.lab" >>"$LOG"; rm -f "$LOG.lab"; failed; fi
echo "up ($(elapsed "$start"))"
echo
cat "$LOG.lab"; cat "$LOG.lab" >>"$LOG"; rm -f "$LOG.lab"
echo
echo "Upload target/federationgateway.jar in Openfire's admin console (Plugins > Upload Plugin), or run the standalone"
echo "gateway beside Prosody or ejabberd (README). Next: mvn -B -ntp verify runs all the tests (the lab may stay up)."
