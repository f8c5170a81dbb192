#!/usr/bin/env bash
# HTTP ingest until queryable: 200,000 points (1,000 series x 200 timestamps, 10 s apart) as 20
# NDJSON requests of 10,000 lines, 4 at a time, into a fresh Meterline; prints points/s
# acknowledged, visible raw, and counted by the hourly rollups.
#   bench/scripts/ingest-ndjson.sh                      # defaults
#   EXTRA="--stream-threads 1" bench/scripts/ingest-ndjson.sh
#   bench/scripts/ingest-ndjson.sh -XX:StartFlightRecording=filename=rec.jfr,settings=profile   # JVM flags
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d)
P=${PORT:-18555}
python3 "$ROOT/bench/scripts/ndjson-workload.py" "$WORK"
java -Xmx1g "$@" -jar "$ROOT/app/target/meterline.jar" --data-dir "$WORK/data" --port $P --host 127.0.0.1 ${EXTRA:-} > "$WORK/server.log" 2>&1 &
SP=$!
for i in $(seq 1 300); do curl -sf localhost:$P/ready >/dev/null && break; sleep 0.2; done
curl -s -XPOST localhost:$P/metrics -H 'Content-Type: application/json' -d '{"name":"ing","type":"gauge","label_keys":["host","region"]}' >/dev/null
count() { curl -s "$1" | python3 -c 'import sys,json; d=json.load(sys.stdin); print(int(sum(b["value"] for b in d)) if isinstance(d,list) else -1)'; }
RANGE="start_time=2026-11-22T22:00:00Z&end_time=2026-11-23T02:00:00Z"
S=$(date +%s.%N)
ls "$WORK"/b*.ndjson | xargs -P4 -I{} curl -s -o /dev/null -w '%{http_code}\n' -XPOST localhost:$P/data -H 'Content-Type: application/x-ndjson' --data-binary @{} | sort | uniq -c | tr '\n' ' '
A=$(date +%s.%N); RAWT=""
for i in $(seq 1 1200); do
  [ -z "$RAWT" ] && [ "$(count "localhost:$P/metrics/ing/data?step=30s&agg=count&group_by=&$RANGE")" = 200000 ] && RAWT=$(date +%s.%N)
  [ "$(count "localhost:$P/metrics/ing/data?step=1h&agg=count&group_by=&$RANGE")" = 200000 ] && break
  sleep 0.1
done
E=$(date +%s.%N)
python3 -c "s,a,r,e=$S,$A,${RAWT:-0},$E; print(f'acked {200000/(a-s):,.0f}/s  raw-visible {200000/(r-s) if r else 0:,.0f}/s  rollups {200000/(e-s):,.0f}/s')"
kill $SP; wait $SP 2>/dev/null; rm -rf "$WORK"
