#!/usr/bin/env bash
# Installs, from Debian's packages, the real peers and tools the tests start on loopback.
# Idempotent; needs root (or sudo). Never starts a daemon: tests start what they need themselves.
set -euo pipefail

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

PACKAGES=(
  openjdk-17-jdk-headless maven
  openssl
  chromium chromium-driver
  # Real peers for the *IT tests (src/test/java/.../testing/peers). lua-unbound is only a Recommends of prosody,
  # but without it prosody ignores its private hosts file and cannot resolve the test domains.
  prosody lua-unbound
  ejabberd
  postgresql
  # MariaDB for the MySQL schema and the stores' contract tests (the tests run mariadbd themselves; no service).
  mariadb-server
  # dnsmasq-base is the bare binary, without the service package that would want to run on port 53.
  dnsmasq-base
  # The SIP front end: registrar and proxy, presence on sqlite (schema loaded with the sqlite3 CLI); sipp for load.
  kamailio kamailio-presence-modules kamailio-sqlite-modules kamailio-tls-modules sqlite3 sip-tester
  # ps and ss find and stop what the peers daemonise (epmd).
  procps iproute2
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  # Debian packages try to start their daemons on install (on 0.0.0.0); forbid that.
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
    $SUDO chmod +x /usr/sbin/policy-rc.d
  fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
echo "test dependencies present: ${PACKAGES[*]}"
