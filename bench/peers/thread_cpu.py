#!/usr/bin/env python3
"""Where a Meterline process spends its CPU, by thread group, between two moments of a harness run.

JFR samples Java frames only: it does not see the JIT compiler threads, QuestDB's native WAL
apply or the kernel time they cause. /proc/<pid>/task/*/stat does, for every thread. This samples
it every --every seconds while a harness run goes on, then sums each group's CPU between two
times of the harness log (by default: "ready" to "ingest:", the ingest).

    python3 bench/peers/thread_cpu.py sample --out /tmp/threads.jsonl &      # before the run
    PEERS_ROOT=/tmp/peers python3 bench/peers/meterline_peer.py --peers meterline ... > run.log
    kill %1
    python3 bench/peers/thread_cpu.py report --samples /tmp/threads.jsonl --log run.log

Groups are thread-name prefixes (Linux keeps 15 characters of a name); the rest is "other".
"""
import argparse
import datetime
import json
import os
import re
import subprocess
import sys
import time

GROUPS = [
    ("C1 CompilerThre", "JIT compiler"),
    ("C2 CompilerThre", "JIT compiler"),
    ("meterline-wal-a", "QuestDB WAL apply"),
    ("JettyServerThre", "HTTP (Jetty)"),
    ("meterline-read-", "read helpers"),
    ("meterline-", "stream threads, other"),  # Streams threads carry the application id; a few small ones
    ("data-plane-kafk", "Kafka broker"),
    ("kafka-producer-", "Kafka producers"),
    ("G1 ", "GC"),
    ("GC Thread", "GC"),
]


def group(name):
    for prefix, label in GROUPS:
        if name.startswith(prefix):
            return label
    return "other"


def snapshot(pid):
    ticks = {}
    for tid in os.listdir("/proc/%d/task" % pid):
        try:
            with open("/proc/%d/task/%s/comm" % (pid, tid)) as f:
                name = f.read().strip()
            with open("/proc/%d/task/%s/stat" % (pid, tid)) as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the thread ended meanwhile
        label = group(name)
        ticks[label] = ticks.get(label, 0) + int(fields[11]) + int(fields[12])  # utime + stime
    return ticks


def sample(a):
    hz = os.sysconf("SC_CLK_TCK")
    with open(a.out, "a") as out:
        while True:
            pids = subprocess.run(["pgrep", "-f", a.match], capture_output=True, text=True).stdout.split()
            for pid in pids[:1]:
                try:
                    ticks = snapshot(int(pid))
                except OSError:
                    continue
                out.write(json.dumps({"t": time.time(), "pid": int(pid),
                                      "cpu_s": {k: v / hz for k, v in ticks.items()}}) + "\n")
                out.flush()
            time.sleep(a.every)


def log_time(log, pattern, day):
    with open(log) as f:
        for line in f:
            if re.search(pattern, line):
                hms = line.split()[0]
                return datetime.datetime.combine(day, datetime.time.fromisoformat(hms),
                                                 tzinfo=datetime.timezone.utc).timestamp()
    sys.exit("no line matching %r in %s" % (pattern, log))


def report(a):
    rows = [json.loads(line) for line in open(a.samples)]
    if not rows:
        sys.exit("no samples")
    day = datetime.datetime.fromtimestamp(rows[0]["t"], datetime.timezone.utc).date()
    start = log_time(a.log, a.start, day)
    end = log_time(a.log, a.end, day)
    pid = [r for r in rows if r["t"] >= start][0]["pid"]
    rows = [r for r in rows if r["pid"] == pid]
    first = [r for r in rows if r["t"] >= start][0]
    last = [r for r in rows if r["t"] <= end][-1]
    seconds = last["t"] - first["t"]
    used = {k: v - first["cpu_s"].get(k, 0) for k, v in last["cpu_s"].items()}
    total = sum(used.values())
    print("CPU by thread group, %.0f s from %r to %r (pid %d): %.1f CPU-s, %.2f cores busy"
          % (seconds, a.start, a.end, pid, total, total / seconds))
    print("| thread group | CPU s | share |")
    print("|---|---|---|")
    for label, s in sorted(used.items(), key=lambda kv: -kv[1]):
        print("| %s | %.1f | %.0f %% |" % (label, s, 100 * s / total))


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sample")
    s.add_argument("--out", required=True)
    s.add_argument("--match", default="jar --data-dir", help="pgrep -f pattern of the server's command line")
    s.add_argument("--every", type=float, default=1.0)
    r = sub.add_parser("report")
    r.add_argument("--samples", required=True)
    r.add_argument("--log", required=True, help="the harness's output")
    r.add_argument("--start", default="meterline ready")
    r.add_argument("--end", default="ingest:")
    a = ap.parse_args()
    sample(a) if a.cmd == "sample" else report(a)


if __name__ == "__main__":
    main()
