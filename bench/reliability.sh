#!/usr/bin/env bash
# The reliability tests of the suite, run longer than CI affords (issue 9). Each is the same test
# class with bigger knobs; the seeds are printed, so a failure can be replayed.
#
#   bench/reliability.sh            # 50 kill -9 rounds, a 2-minute broker outage, 100,000 hostile requests and records
#   ROUNDS=200 bench/reliability.sh
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-50}
OUTAGE_SECONDS=${OUTAGE_SECONDS:-120}
FUZZ=${FUZZ:-100000}

./mvnw -q -B install -DskipTests
./mvnw -B -pl app verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test='CrashRecoveryIT,BrokerOutageIT,HostileRequestsIT,HostileRecordsIT' \
  -Dcrash.rounds="$ROUNDS" -Doutage.seconds="$OUTAGE_SECONDS" \
  -Dfuzz.requests="$FUZZ" -Dfuzz.records="$FUZZ"
grep -h -E "kill -9 rounds|broker outage|seed=" app/target/failsafe-reports/*-output.txt || true
