#!/usr/bin/env bash
# Scale-out ingest until queryable: the ingest-ndjson.sh workload (200,000 points: 1,000 series x
# 200 timestamps, as 20 NDJSON requests of 10,000 lines, 4 at a time) spread round-robin over N
# Meterline instances that share one Kafka broker (its own process) and one QuestDB server (its own
# process), as deploy/docker-compose.yml runs them. Prints points/s acknowledged, visible raw, and
# counted by the hourly rollups. Needs `./mvnw install -DskipTests` (the broker main is a test class).
#   bench/scripts/scale-out.sh 3                          # three instances
#   EXTRA="--stream-threads 1" bench/scripts/scale-out.sh 2
set -u
N=${1:-1}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR="$ROOT/app/target/meterline.jar"
WORK=$(mktemp -d)
PIDS=()
cleanup() { kill "${PIDS[@]}" 2>/dev/null; sleep 2; kill -9 "${PIDS[@]}" 2>/dev/null; [ -n "${KEEP:-}" ] && echo "kept $WORK" || rm -rf "$WORK"; }
trap cleanup EXIT
python3 "$ROOT/bench/scripts/ndjson-workload.py" "$WORK"
# Kafka: the embedded broker's code as a process of its own
java -Xmx512m -cp "$JAR:$ROOT/app/target/test-classes" io.meterline.app.kafka.StandaloneBroker "$WORK/kafka" > "$WORK/kafka.log" 2>&1 &
PIDS+=($!)
for i in $(seq 1 300); do grep -q '^READY ' "$WORK/kafka.log" && break; sleep 0.2; done
KAFKA=$(sed -n 's/^READY //p' "$WORK/kafka.log")
# QuestDB: its own server main, from the questdb jar inside Meterline's
mkdir -p "$WORK/questdb/conf"
printf 'http.bind.to=127.0.0.1:19000\npg.net.bind.to=127.0.0.1:18812\nhttp.min.enabled=false\nline.tcp.enabled=false\nline.udp.enabled=false\ntelemetry.enabled=false\n' > "$WORK/questdb/conf/server.conf"
java -Xmx1g -cp "$JAR" io.questdb.ServerMain -d "$WORK/questdb" > "$WORK/questdb.log" 2>&1 &
PIDS+=($!)
for i in $(seq 1 300); do curl -sf 'localhost:19000/exec?query=select%201' >/dev/null && break; sleep 0.2; done
PORTS=()
for n in $(seq 1 "$N"); do
  P=$((18600 + n))
  java -Xmx512m -jar "$JAR" --data-dir "$WORK/m$n" --port $P --host 127.0.0.1 --kafka-bootstrap-servers "$KAFKA" \
    --questdb "http://127.0.0.1:19000?pg_port=18812" --instance-id "$n" ${EXTRA:-} > "$WORK/m$n.log" 2>&1 &
  PIDS+=($!)
  PORTS+=($P)
done
n=0
for P in "${PORTS[@]}"; do
  n=$((n + 1))
  for i in $(seq 1 600); do curl -sf localhost:$P/ready >/dev/null && break; sleep 0.2; done
  curl -sf localhost:$P/ready >/dev/null || { echo "instance $n (port $P) not ready:"; tail -30 "$WORK/m$n.log"; exit 1; }
done
P=${PORTS[0]}
curl -s -XPOST localhost:$P/metrics -H 'Content-Type: application/json' -d '{"name":"ing","type":"gauge","label_keys":["host","region"]}' >/dev/null
for Q in "${PORTS[@]}"; do  # every registry view must know the metric
  for i in $(seq 1 100); do curl -sf localhost:$Q/metrics/ing >/dev/null && break; sleep 0.1; done
  curl -sf localhost:$Q/metrics/ing >/dev/null || { echo "instance on port $Q does not know the metric"; exit 1; }
done
count() { curl -s "$1" | python3 -c 'import sys,json; d=json.load(sys.stdin); print(int(sum(b["value"] for b in d)) if isinstance(d,list) else -1)'; }
RANGE="start_time=2026-11-22T22:00:00Z&end_time=2026-11-23T02:00:00Z"
i=0; : > "$WORK/plan"
for f in "$WORK"/b*.ndjson; do echo "${PORTS[$((i % N))]} $f" >> "$WORK/plan"; i=$((i + 1)); done
S=$(date +%s.%N)
xargs -P4 -L1 sh -c 'curl -s -o /dev/null -w "%{http_code}\n" -XPOST localhost:$0/data -H "Content-Type: application/x-ndjson" --data-binary @$1' < "$WORK/plan" | sort | uniq -c | tr '\n' ' '
A=$(date +%s.%N); RAWT=""
for i in $(seq 1 1200); do
  [ -z "$RAWT" ] && [ "$(count "localhost:$P/metrics/ing/data?step=30s&agg=count&group_by=&$RANGE")" = 200000 ] && RAWT=$(date +%s.%N)
  [ "$(count "localhost:$P/metrics/ing/data?step=1h&agg=count&group_by=&$RANGE")" = 200000 ] && break
  sleep 0.1
done
E=$(date +%s.%N)
[ -z "$RAWT" ] && echo "raw count at the end: $(count "localhost:$P/metrics/ing/data?step=30s&agg=count&group_by=&$RANGE") (${PORTS[1]:-}: $(count "localhost:${PORTS[1]:-$P}/metrics/ing/data?step=30s&agg=count&group_by=&$RANGE"))"
python3 -c "s,a,r,e=$S,$A,${RAWT:-0},$E; print(f'instances $N: acked {200000/(a-s):,.0f}/s  raw-visible {200000/(r-s) if r else 0:,.0f}/s  rollups {200000/(e-s):,.0f}/s')"
