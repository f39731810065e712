#!/usr/bin/env bash
# The local federation lab on loopback (127.0.90.x): Prosody a.test with the gateway (standalone jar) as its
# component sip.a.test, partner Prosody b.test, non-partner Prosody c.test, partner ejabberd e.test, Kamailio
# as the SIP front end, and a registered SIP phone. Needs a build (scripts/setup.sh does it).
# With OPENFIRE_HOME set (an installed Openfire 5.x), a copy of that Openfire with the plugin serves a.test instead;
# up --cluster (with OPENFIRE_HOME and OPENFIRE_HAZELCAST_PLUGIN) makes a.test two clustered Openfire nodes.
#   scripts/lab.sh up [--cluster] | down | status | send-xmpp FROM TO TEXT | send-sip TO-URI TEXT | presence WATCHER CONTACT
# send-xmpp, send-sip and presence print one line and exit 0 when delivered / subscribed, 1 otherwise, 2 on bad usage.
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/.."
LAB=target/lab
PID=$LAB/lab.pid
LOG=$LAB/lab.log
CP=$LAB/classpath.txt

classpath() {
  if [ ! -s "$CP" ] || [ pom.xml -nt "$CP" ] || [ src/pom.xml -nt "$CP" ]; then
    mkdir -p "$LAB"
    # with a lifecycle phase the reactor resolves the API stand-in from its classes directory
    if ! mvn -B -ntp -q -Dstyle.color=never -pl src -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
        -Dmdep.outputFile="$PWD/$CP" >"$LAB/build.log" 2>&1; then
      echo "could not build the lab's classpath:" >&2; tail -30 "$LAB/build.log" >&2; rm -f "$CP"; exit 1
    fi
  fi
  echo "target/test-classes:target/classes:$(cat "$CP")"
}

running() {
  [ -f "$PID" ] && kill -0 "$(cat "$PID")" 2>/dev/null
}

case "${1:-}" in
  up)
    # Idempotent: a lab that is up stays up (scripts/lab.sh down first to restart it with a new build).
    if running; then echo "the lab is already up (pid $(cat "$PID")); scripts/lab.sh status shows it, scripts/lab.sh down stops it"; exit 0; fi
    for jar in standalone/target/federationgateway-standalone.jar target/federationgateway.jar; do
      [ -f "$jar" ] || { echo "$jar is missing: build first (scripts/setup.sh)"; exit 1; }
    done
    export LAB_CLUSTER=0
    if [ "${2:-}" = "--cluster" ]; then
      if [ -z "${OPENFIRE_HOME:-}" ] || [ -z "${OPENFIRE_HAZELCAST_PLUGIN:-}" ]; then
        echo "scripts/lab.sh up --cluster needs OPENFIRE_HOME (an installed Openfire 5.x) and OPENFIRE_HAZELCAST_PLUGIN (the path of Openfire's Hazelcast clustering plugin jar) set; nothing was started"
        exit 2
      fi
      [ -f "$OPENFIRE_HAZELCAST_PLUGIN" ] || { echo "OPENFIRE_HAZELCAST_PLUGIN=$OPENFIRE_HAZELCAST_PLUGIN is not a file; nothing was started"; exit 2; }
      export LAB_CLUSTER=1
      echo "a.test: two clustered copies of the Openfire in $OPENFIRE_HOME with the plugin (takes about two minutes)"
    elif [ -n "${2:-}" ]; then
      echo "scripts/lab.sh up takes no argument but --cluster, not '$2'"; exit 2
    fi
    if [ -n "${OPENFIRE_HOME:-}" ] && [ "$LAB_CLUSTER" = 0 ]; then
      [ -x "$OPENFIRE_HOME/bin/openfire.sh" ] || [ -f "$OPENFIRE_HOME/bin/openfire.sh" ] || { echo "OPENFIRE_HOME=$OPENFIRE_HOME has no bin/openfire.sh"; exit 1; }
      echo "a.test: a copy of the Openfire in $OPENFIRE_HOME with the plugin (takes about a minute)"
    fi
    mkdir -p "$LAB"
    cp_line=$(classpath)
    nohup java -cp "$cp_line" org.federationgateway.testing.lab.LabMain standalone/target/federationgateway-standalone.jar target/federationgateway.jar >"$LOG" 2>&1 &
    echo $! >"$PID"
    for _ in $(seq 1 300); do
      if grep -q "LAB READY" "$LOG"; then sed -n '/^Federation lab/,/^LAB READY/{/^LAB READY/!p}' "$LOG"; echo "lab log: $LOG"; exit 0; fi
      if ! running; then echo "the lab failed to start:"; tail -40 "$LOG"; exit 1; fi
      sleep 1
    done
    echo "the lab did not come up within 5 minutes:"; tail -40 "$LOG"; "$0" down; exit 1
    ;;
  down)
    if running; then
      kill -TERM "$(cat "$PID")"
      for _ in $(seq 1 60); do running || break; sleep 1; done
      running && kill -KILL "$(cat "$PID")"
    fi
    rm -f "$PID"
    # Nothing of the lab may survive it (this checkout's lab: another checkout's lab on the machine is not touched).
    left=$(pgrep -f "$PWD/target/peers/lab/" || true)
    if [ -n "$left" ]; then echo "stopping leftovers: $left"; kill -TERM $left 2>/dev/null || true; sleep 2; kill -KILL $left 2>/dev/null || true; fi
    echo "the lab is down"
    ;;
  status)
    if running; then echo "up (pid $(cat "$PID"))"; sed -n '/^Federation lab/,/^LAB READY/{/^LAB READY/!p}' "$LOG"; else echo "down"; fi
    ;;
  send-xmpp|send-sip|presence)
    running || { echo "the lab is down: start it with scripts/lab.sh up"; exit 1; }
    # One line with the outcome; exit 0 delivered (or subscribed), 1 refused / failed / no outcome in time, 2 bad usage.
    # Library logging is off: the outcome line says what happened (LAB_DEBUG=1 adds the stack trace of a failure).
    cp_line=$(classpath)
    exec java -cp "$cp_line" -Dorg.slf4j.simpleLogger.defaultLogLevel=off org.federationgateway.testing.lab.LabCli "$@"
    ;;
  *)
    sed -n '2,7p' "$0"; exit 2
    ;;
esac
