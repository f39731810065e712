#!/usr/bin/env bash
# The bridge load harness: brings up its own lab on 127.0.92.x (gateway from the standalone jar), offers each rate in
# both directions, and writes target/bench/results.csv, results.md and latency.png. Needs a build (scripts/setup.sh).
#   scripts/bench.sh [rates, default 50,100,200,500] [seconds per step, default 10]
#   scripts/bench.sh paths [rates] [seconds]      every path of the lab to its knee (GATEWAY_JARS=label=jar,... compares builds;
#                                                 label=openfire:target/federationgateway.jar: the plugin inside OPENFIRE_HOME)
#   scripts/bench.sh gateways [rates] [seconds]   the gateway against Kamailio's xmpp module on one ejabberd
#                                                 (GATEWAY_JARS=label=jar,... puts each build beside it, interleaved)
#   scripts/bench.sh soak [rate or X2S,S2X] [minutes] both bridge directions at once; heap after GC, threads, fds each minute
#   scripts/bench.sh presence [subscriptions] [partner users] [expires s, 600] [refresh minutes, 5]
#                                                 bridged presence subscriptions end to end: heap per subscription,
#                                                 time for a change to reach all watchers, refresh-cycle load
#   scripts/bench.sh openfire [rates] [seconds]   Openfire without and with the plugin (10,000 partners, 100,000 users);
#                                                 needs OPENFIRE_HOME (copied, never changed) and the plugin jar (target/)
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/.."
GATEWAY_JAR="${GATEWAY_JAR:-standalone/target/federationgateway-standalone.jar}"
PLUGIN_JAR="${PLUGIN_JAR:-target/federationgateway.jar}"
if [ "${1:-}" = openfire ]; then
  [ -n "${OPENFIRE_HOME:-}" ] || { echo "scripts/bench.sh openfire needs OPENFIRE_HOME (an Openfire 5.x installation; it is copied, not changed)" >&2; exit 1; }
  [ -f "$PLUGIN_JAR" ] || { echo "build first: mvn -B -ntp package -DskipTests (no $PLUGIN_JAR)" >&2; exit 1; }
elif [ "${1:-}" != paths ] || [ -z "${GATEWAY_JARS:-}" ]; then
  [ -f "$GATEWAY_JAR" ] || { echo "build first: scripts/setup.sh"; exit 1; }
fi
mkdir -p target/bench
if ! mvn -B -ntp -q -Dstyle.color=never -pl src -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$PWD/target/bench/classpath.txt" >target/bench/build.log 2>&1; then
  echo "could not build the harness's classpath:" >&2; tail -30 target/bench/build.log >&2; exit 1
fi
if [ "${1:-}" = paths ]; then
  # every path to its knee in one run: scripts/bench.sh paths [rates] [seconds]; GATEWAY_JARS=label=jar,... compares builds
  exec java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dlab.gateway.jvmOptions="${GATEWAY_JVM_OPTIONS:-}" \
    -cp "target/test-classes:target/classes:$(cat target/bench/classpath.txt)" org.federationgateway.testing.bench.PathsHarness \
    "${2:-100,200,400,800,1200}" "${3:-8}" "${GATEWAY_JARS:-gateway=$GATEWAY_JAR}" "${BENCH_OUT:-target/bench}"
fi
if [ "${1:-}" = openfire ]; then
  # Openfire without and with the plugin, interleaved per rate: scripts/bench.sh openfire [rates] [seconds]
  # OPENFIRE_JVM_OPTIONS go to both servers alike (e.g. -XX:StartFlightRecording=filename=of.jfr,settings=profile)
  exec java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dbench.openfire.jvmOptions="${OPENFIRE_JVM_OPTIONS:-}" \
    -cp "target/test-classes:target/classes:$(cat target/bench/classpath.txt)" org.federationgateway.testing.bench.OpenfireOverheadHarness \
    "${2:-250,500,1000,2000}" "${3:-8}" "$PLUGIN_JAR" "${BENCH_OUT:-target/bench}"
fi
if [ "${1:-}" = gateways ]; then
  # the gateway against Kamailio's xmpp module, both components of one ejabberd: scripts/bench.sh gateways [rates] [seconds]
  exec java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dlab.gateway.jvmOptions="${GATEWAY_JVM_OPTIONS:-}" \
    -cp "target/test-classes:target/classes:$(cat target/bench/classpath.txt)" org.federationgateway.testing.bench.GatewaysHarness \
    "${2:-200,400,800,1600,3200}" "${3:-8}" "${GATEWAY_JARS:-gateway=$GATEWAY_JAR}" "${BENCH_OUT:-target/bench}"
fi
if [ "${1:-}" = soak ]; then
  # both bridge directions at once: scripts/bench.sh soak [rate per direction] [minutes]
  exec java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "target/test-classes:target/classes:$(cat target/bench/classpath.txt)" \
    org.federationgateway.testing.bench.SoakHarness "${2:-100}" "${3:-30}" "$GATEWAY_JAR" "${BENCH_OUT:-target/bench}"
fi
if [ "${1:-}" = presence ]; then
  # partner users of b.test subscribe to SIP users through the gateway and Kamailio's presence server:
  # scripts/bench.sh presence [subscriptions] [partner users] [expires seconds] [refresh minutes]
  # PRESENCE_SUBSCRIBE_RATE: new subscriptions per second (default 40, what Kamailio's presence server on sqlite accepts here)
  exec java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dlab.gateway.jvmOptions="${GATEWAY_JVM_OPTIONS:-}" \
    -Dpresence.subscribeRate="${PRESENCE_SUBSCRIBE_RATE:-40}" \
    -cp "target/test-classes:target/classes:$(cat target/bench/classpath.txt)" org.federationgateway.testing.bench.PresenceHarness \
    "${2:-10000}" "${3:-100}" "${4:-600}" "${5:-5}" "$GATEWAY_JAR" "${BENCH_OUT:-target/bench}"
fi
exec java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dlab.gateway.jvmOptions="${GATEWAY_JVM_OPTIONS:-}" -cp "target/test-classes:target/classes:$(cat target/bench/classpath.txt)" \
  org.federationgateway.testing.bench.LoadHarness "${1:-50,100,200,500}" "${2:-10}" "$GATEWAY_JAR" "${BENCH_OUT:-target/bench}"
