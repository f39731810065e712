#!/usr/bin/env bash
# Installs, from Debian's packages, what the build and the tests need (the JDK, Maven, Chromium and the real peers
# the tests start on loopback). Idempotent; needs root (or sudo); runs without a terminal (CI).
#
# The daemons among them (Prosody, ejabberd and its epmd, Kamailio, PostgreSQL, MariaDB) are installed but neither started
# nor enabled at boot: the tests and the lab start their own instances on 127.x addresses, and a system instance
# would take the default ports. While apt runs, a temporary /usr/sbin/policy-rc.d forbids starting services; it is
# removed afterwards, also on failure. The boot-time links the packages create are then disabled again with
# systemctl (or update-rc.d), which Debian's package scripts respect on later upgrades.
#
#   scripts/install-test-deps.sh [LOG]    apt's and dpkg's output is appended to LOG (default target/install-test-deps.log)
set -euo pipefail
cd "$(dirname "$0")/.."
LOG=${1:-target/install-test-deps.log}

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
  kamailio kamailio-presence-modules kamailio-sqlite-modules kamailio-tls-modules kamailio-xmpp-modules sqlite3 sip-tester
  # Third-party clients the real-client tests drive headless on loopback: baresip and linphonec as SIP users,
  # slixmpp (a Python XMPP library; the test writes a small client script) as the partner's XMPP user. linphonec
  # runs in a network namespace with only loopback; socat relays its SIP connection to the lab's Kamailio.
  baresip linphone-cli python3-slixmpp socat
  # ps and ss find and stop what the peers daemonise (epmd); unshare gives ejabberd a private /etc/hosts.
  procps iproute2 util-linux
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "all ${#PACKAGES[@]} packages are installed"
  exit 0
fi

mkdir -p "$(dirname "$LOG")"
echo "--- $(date -u '+%F %T') scripts/install-test-deps.sh: ${missing[*]}" >>"$LOG"

POLICY=/usr/sbin/policy-rc.d
our_policy=""
cleanup() {
  if [ -n "$our_policy" ]; then $SUDO rm -f "$POLICY"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP
if [ -e "$POLICY" ]; then
  echo "note: $POLICY exists and is left as it is; it decides whether the new services start now" | tee -a "$LOG"
else
  printf '#!/bin/sh\n# temporary, from the Federation Gateway set-up: no service starts while it installs packages\nexit 101\n' \
    | $SUDO tee "$POLICY" >/dev/null
  $SUDO chmod 755 "$POLICY"
  our_policy=1
fi

# What enables a service at boot: systemd's .wants/.requires links and SysV start links.
boot_links() {
  $SUDO find /etc/systemd/system /etc/rc2.d /etc/rc3.d /etc/rc4.d /etc/rc5.d -type l 2>/dev/null | sort
}
before=$(boot_links)

echo "installing ${#missing[@]} Debian packages: ${missing[*]} (apt's output: $LOG)"
export DEBIAN_FRONTEND=noninteractive
if ! { $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q \
       && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"; } </dev/null >>"$LOG" 2>&1; then
  echo "apt-get failed; the end of $LOG:" >&2
  tail -25 "$LOG" >&2
  exit 1
fi

# Undo the boot-time enablement the new packages added (nothing that was enabled before is touched).
new_links=$(comm -13 <(echo "$before") <(boot_links) || true)
units=()
scripts=()
while IFS= read -r link; do
  [ -n "$link" ] || continue
  case "$link" in
    /etc/rc[2-5].d/S*) name=$(basename "$link"); scripts+=("${name:3}") ;;
    /etc/systemd/system/*.wants/*|/etc/systemd/system/*.requires/*) units+=("$(basename "$link")") ;;
    /etc/systemd/system/*) units+=("$(basename "$(readlink "$link")")") ;;  # an Alias= link
  esac
done <<<"$new_links"
mapfile -t units < <(printf '%s\n' "${units[@]}" | sort -u | sed '/^$/d')
mapfile -t scripts < <(printf '%s\n' "${scripts[@]}" | sort -u | sed '/^$/d')
{
  echo "--- disabling at boot: ${units[*]:-} ${scripts[*]:-}"
  if [ ${#units[@]} -gt 0 ] && command -v systemctl >/dev/null; then $SUDO systemctl disable "${units[@]}" || true; fi
  for s in "${scripts[@]}"; do $SUDO update-rc.d "$s" disable || true; done
} </dev/null >>"$LOG" 2>&1
# Whatever is left (no systemctl, say) goes by hand: these links were made by this installation.
left=$(comm -12 <(echo "$new_links") <(boot_links | while read -r l; do case "$l" in /etc/rc[2-5].d/S*|/etc/systemd/system/*) echo "$l";; esac; done) || true)
if [ -n "$left" ]; then
  while IFS= read -r link; do [ -n "$link" ] && $SUDO rm -f "$link"; done <<<"$left"
  echo "--- removed by hand: $left" >>"$LOG"
fi
services=$(printf '%s\n' "${units[@]}" "${scripts[@]}" | sed 's/\.\(service\|socket\|timer\|path\)$//' | sort -u | sed '/^$/d' | tr '\n' ' ')
echo "installed; services neither started nor enabled at boot: ${services:-none}"
