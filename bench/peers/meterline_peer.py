#!/usr/bin/env python3
"""Meterline as one more peer of the shared benchmark harness (../shared/bench/peers).

Same workload (same generator, seed, series, values and timestamps), same measurements, same
report, run in the same command as VictoriaMetrics, Prometheus and InfluxDB:

    python3 bench/peers/meterline_peer.py --peers meterline,victoriametrics --series 100 --points 1000

Everything after the script name is the harness's own command line (see its README). This file only
adds the peer: how to start Meterline, how to encode the workload for it (NDJSON on POST /data), and
its count, query and export requests.
"""
import http.client
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
PEERS_DIR = os.environ.get("PEERS_DIR", os.path.join(REPO, "..", "shared", "bench", "peers"))
sys.path.insert(0, PEERS_DIR)

import bench as B  # noqa: E402
import peers as P  # noqa: E402
import workload as W  # noqa: E402

JAR = os.environ.get("METERLINE_JAR", os.path.join(REPO, "app", "target", "meterline.jar"))
# the heap and collector README's run command gives (bench/RESULTS.md, session 10)
HEAP = os.environ.get("METERLINE_HEAP", "512m")
GC = os.environ.get("METERLINE_GC", "-XX:+UseParallelGC").split()
# extra JVM options, e.g. "-XX:StartFlightRecording=filename=/tmp/ingest.jfr,settings=profile" to profile a run
JVM_OPTS = os.environ.get("METERLINE_JVM_OPTS", "").split()
FORMAT = "meterline_ndjson"

# The harness counts 200 and 204 as an accepted batch; Meterline's contract answers 201 Created.
_begin = http.client.HTTPResponse.begin


def _begin_201_as_200(self):
    _begin(self)
    if self.status == 201:
        self.status = 200


http.client.HTTPResponse.begin = _begin_201_as_200


def _hist_hosts(wl):
    """Index of each histogram host's first series (12 `le` series, then _sum and _count)."""
    first = wl.S + wl.E
    per_host = len(W.HIST_LE) + 2
    return [first + h * per_host for h in range(wl.H)]


def encode(wl):
    """(body, harness_points, shard, first_ts) batches. Gauges and enums follow the harness's
    batches; a histogram point needs all its buckets at once, so histogram hosts get batches of
    their own (per-interval, per-bucket counts: the differences of the cumulative counters)."""
    vals = wl.values()
    out = []
    for shard, t_lo, t_hi, idx in wl.batches():
        lines = []
        for s in idx:
            name, labels, kind = wl.series[s]
            if kind == W.KIND_HIST:
                continue
            lab = json.dumps(dict(labels), separators=(",", ":"))
            a = vals[s]
            for j in range(t_lo, t_hi):
                if kind == W.KIND_ENUM:
                    v = '"%s"' % W.ENUM_STATES[int(a[j])]
                else:
                    v = W.fmt(a[j])
                lines.append('{"metric":"%s","labels":%s,"value":%s,"timestamp":%d}\n' % (name, lab, v, wl.ts(j)))
        if lines:
            out.append(("".join(lines).encode(), len(lines), shard, wl.ts(t_lo)))
    per_batch = max(1, wl.batch_points // (len(W.HIST_LE) + 2))
    for h, first in enumerate(_hist_hosts(wl)):
        lab = '{"host":"h%d"}' % h
        for j0 in range(0, wl.N, per_batch):
            lines = []
            for j in range(j0, min(wl.N, j0 + per_batch)):
                cum = [vals[first + b][j] - (vals[first + b][j - 1] if j > 0 else 0.0) for b in range(len(W.HIST_LE))]
                per_bucket = [cum[0]] + [cum[b] - cum[b - 1] for b in range(1, len(cum))]
                total_sum = vals[first + len(W.HIST_LE)][j] - (vals[first + len(W.HIST_LE)][j - 1] if j > 0 else 0.0)
                buckets = ",".join('"%s":%d' % (le, round(c)) for le, c in zip(W.HIST_LE, per_bucket))
                lines.append('{"metric":"http_request_duration_seconds","labels":%s,"buckets":{%s},"value":%s,"timestamp":%d}\n'
                             % (lab, buckets, W.fmt(round(total_sum, 6)), wl.ts(j)))
            out.append(("".join(lines).encode(), len(lines) * (len(W.HIST_LE) + 2), h % wl.shards, wl.ts(j0)))
    out.sort(key=lambda b: (b[2], b[3]))
    return out


class _Batches:
    def __init__(self, batches):
        self.batches = batches

    def load_all(self):
        return self.batches

    @property
    def nbytes(self):
        return sum(len(b[0]) for b in self.batches)


_build_payloads = W.build_payloads


def build_payloads(wl, fmt_name, cache_dir, log=print):
    if fmt_name != FORMAT:
        return _build_payloads(wl, fmt_name, cache_dir, log)
    return _Batches(encode(wl))


W.build_payloads = build_payloads


class Meterline(P.Peer):
    name = "meterline"
    port = 18480
    ingest_fmt = FORMAT
    ingest_path = "/data"
    ingest_headers = {"Content-Type": "application/x-ndjson"}
    ingest_desc = "POST /data (NDJSON: one point per line; a histogram point carries all its buckets)"
    export_desc = "GET /metrics/{name}/data.csv?<labels>&start_time&end_time"
    non_storage = ("tmp",)

    def argv(self, datadir):
        return ["java", "-Xmx" + HEAP, *GC, *JVM_OPTS, "-jar", JAR, "--data-dir", datadir, "--port", str(self.port), "--host", P.HOST]

    def ready(self):
        st, _ = P.http_req(self.port, "GET", "/ready", timeout=2)
        return st == 200

    def setup(self):
        for d in ({"name": "cpu_usage", "type": "gauge", "label_keys": ["host", "region"]},
                  {"name": "service_state", "type": "enum", "label_keys": ["host"], "states": W.ENUM_STATES},
                  {"name": "http_request_duration_seconds", "type": "histogram", "label_keys": ["host"],
                   "buckets": [float(le) if le != "+Inf" else "+Inf" for le in W.HIST_LE]}):
            st, body = P.http_req(self.port, "POST", "/metrics", json.dumps(d).encode(), {"Content-Type": "application/json"})
            if st not in (200, 201, 409):  # 201 reads as 200 here (see above)
                raise RuntimeError(body[:300])

    def _get(self, path):
        st, body = P.http_req(self.port, "GET", path)
        if st != 200:
            raise RuntimeError("%s: %s" % (path, body[:300]))
        return json.loads(body)

    def count(self, wl):
        """Points in the harness's units (a histogram point is 12 bucket samples + sum + count).
        Gauges are counted from the hourly rollups: visible means the rollups are complete too."""
        cpu = sum(b["value"] for b in self._get("/metrics/cpu_usage/data?step=7d&agg=count&group_by="))
        states = sum(self._get("/metrics/service_state/distribution").values())
        if cpu + states < wl.cpu_points + wl.E * wl.N:
            # not all visible yet, whatever the histograms say: skip reading them (the poll's own load
            # slowed the stream it waits for)
            return int(cpu + states)
        # histogram points as CSV rows: the lightest raw form the API serves (the JSON of 50k points with
        # all their buckets cost the server and this script ~0.3 s per poll, while the stream was catching up)
        st, body = P.http_req(self.port, "GET", "/metrics/http_request_duration_seconds/data.csv?limit=100000")
        if st != 200:
            raise RuntimeError("histogram count: %s" % body[:300])
        hist = max(0, body.count(b"\n") - 1)  # less the header row
        return int(cpu + states + hist * (len(W.HIST_LE) + 2))

    def queries(self, wl):
        start, end, step = P.q_window(wl, self.opts.buckets)
        window = "start_time=%d&end_time=%d" % (start * 1000, end * 1000)
        n = lambda body: len(json.loads(body))
        return {
            "q1_one_series": ("/metrics/cpu_usage/data?host=h0&step=%ds&%s" % (step, window), {}, n),
            "q2_by_region": ("/metrics/cpu_usage/data?group_by=region&step=%ds&%s" % (step, window), {}, n),
            "q3_hist_p99": ("/metrics/http_request_duration_seconds/data?group_by=&step=%ds&%s" % (step, window), {}, n),
            # what Meterline's own UI asks: step=auto picks a ladder step that rollups serve
            "q1_auto_1000": ("/metrics/cpu_usage/data?host=h0&step=auto&max_points=%d&%s" % (self.opts.buckets, window), {}, n),
            "q2_auto_1000": ("/metrics/cpu_usage/data?group_by=region&step=auto&max_points=%d&%s" % (self.opts.buckets, window), {}, n),
        }

    def exports(self, wl):
        window = "start_time=%d&end_time=%d" % (wl.start_ms - 1000, wl.end_ms + 1000)
        return {
            "export_one_series": ("/metrics/cpu_usage/data.csv?host=h0&" + window, {},
                                  lambda: P.NewlineCounter(header_prefix=b"timestamp,"), wl.N),
            "export_all_cpu": ("/metrics/cpu_usage/data.csv?" + window, {},
                               lambda: P.NewlineCounter(header_prefix=b"timestamp,"), wl.cpu_points),
        }


P.PEERS[Meterline.name] = Meterline

if __name__ == "__main__":
    B.main()
