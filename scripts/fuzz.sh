#!/usr/bin/env bash
# Fuzzing campaign over the @FuzzTest targets (Jazzer, coverage-guided), one target at a time.
#
#   scripts/fuzz.sh MINUTES [TARGET[=MINUTES] ...]
#
# MINUTES is the fuzzing time of each target; a TARGET (Class#method, e.g. PidfFuzzTest#anyBytesAreReadOrRefused)
# limits the run to the named targets, each with its own minutes after '='. Without targets, every target runs.
# Each target runs in its own JVM at the lowest CPU priority. A crash, a failed property or a hang (10 s per input)
# stops the target; Jazzer then writes the input under src/test/resources/.../<Class>Inputs/<method>/, where the
# ordinary test run (without JAZZER_FUZZ) replays it. The growing corpus is kept in src/.cifuzz-corpus/ (not in git).
# Logs: target/fuzz/<target>.log; summary (executions, coverage, features, corpus, result): target/fuzz/summary.tsv.
set -uo pipefail
cd "$(dirname "$0")/.."

ALL=(
  PidfFuzzTest#anyBytesAreReadOrRefused
  PidfFuzzTest#writtenDocumentsReadBackTheSame
  MessageMappingFuzzTest#sipMessageIsDeliveredOrAnswered
  MessageMappingFuzzTest#xmppBodyReachesSipAndComesBack
  AddressMappingFuzzTest#sipUriToJidIsStable
  AddressMappingFuzzTest#jidToSipAndBack
  AddressMappingFuzzTest#xep0106UnescapingUndoesEscaping
  StanzaReaderFuzzTest#streamIsReadOrRefused
  SipRequestFuzzTest#receivedRequestIsRefusedAnsweredOrTranslated
  SipRequestFuzzTest#sentMessageReadsBackTheSame
  AdminFormFuzzTest#partnerFormSavesOrNamesTheField
  AdminFormFuzzTest#sipSettingsAcceptOrRefuse
)

if [ $# -lt 1 ] || ! [[ "$1" =~ ^[0-9]+$ ]]; then
  echo "usage: $0 MINUTES [TARGET[=MINUTES] ...]" >&2
  exit 2
fi
DEFAULT_MINUTES=$1
shift
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=("${ALL[@]}")

mkdir -p target/fuzz
SUMMARY=target/fuzz/summary.tsv
[ -f "$SUMMARY" ] || printf 'target\tminutes\texecutions\tcov\tft\tcorpus\tresult\n' > "$SUMMARY"

# Compile once; each target then only runs.
mvn -B -ntp -q -o -pl src -am test-compile || exit 1

status=0
for spec in "${TARGETS[@]}"; do
  target=${spec%%=*}
  minutes=$DEFAULT_MINUTES
  [[ "$spec" == *=* ]] && minutes=${spec#*=}
  log="target/fuzz/${target//#/.}.log"
  echo "fuzzing $target for ${minutes} min -> $log"
  # JUnit's own @Timeout would time the whole campaign; Jazzer turns it into the per-input limit (-timeout).
  JAZZER_FUZZ=1 JAZZER_MAX_DURATION="${minutes}m" nice -n 19 \
    mvn -B -ntp -o -pl src -am test -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false \
      -Dfuzz.campaign=true -Dfuzz.replayQuietly=false -Djunit.jupiter.execution.timeout.mode=disabled -DargLine=-Xmx1g -DtrimStackTrace=false >"$log" 2>&1
  rc=$?
  last=$(grep -a -E '^#[0-9]+[[:space:]]+(DONE|NEW|REDUCE|pulse|INITED)' "$log" | tail -1)
  runs=$(grep -a -oE '^Done [0-9]+ runs' "$log" | tail -1 | grep -oE '[0-9]+')
  [ -z "$runs" ] && runs=$(echo "$last" | grep -oE '^#[0-9]+' | tr -d '#')
  cov=$(echo "$last" | grep -oE 'cov: [0-9]+' | grep -oE '[0-9]+')
  ft=$(echo "$last" | grep -oE 'ft: [0-9]+' | grep -oE '[0-9]+')
  corp=$(echo "$last" | grep -oE 'corp: [0-9]+/[0-9]+[a-zA-Z]+' | cut -d' ' -f2)
  if [ $rc -eq 0 ]; then result="no finding"; else result="FINDING (see $log)"; status=1; fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$target" "$minutes" "${runs:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$result" | tee -a "$SUMMARY"
done
exit $status
