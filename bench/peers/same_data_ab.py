#!/usr/bin/env python3
"""Times the harness's queries and its full export against one kept data folder, for A/B runs of
two Meterline jars on the very same data (single full harness runs spread by ±8-14 %).

    # a data folder: one harness run that keeps it (/tmp/peers/run/meterline-0)
    PEERS_ROOT=/tmp/peers python3 bench/peers/meterline_peer.py --peers meterline \
        --series 1000 --points 10000 --runs 1 --keep-data
    # then, alternating jars:
    python3 bench/peers/same_data_ab.py --jar A.jar --data /tmp/peers/run/meterline-0 --only q3 --warm 100 --reps 100

Starts `java -Xmx<heap> -jar <jar>` on the folder (nothing else may use it), waits for /ready, sends
--warm untimed requests, then prints the median and minimum of --reps timed ones, the server's CPU
per timed request (all its threads, from /proc), and the first answer's size and MD5 (two jars
giving the same digest answered byte for byte the same), and stops the server. The query window
is the harness's default one (the 10,000 points before last UTC midnight);
pass --t0 (epoch seconds of the first point) for data loaded on another day.
"""
import argparse
import datetime
import hashlib
import http.client
import os
import signal
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jar", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--only", help="one of q1, q2, q3, q1auto, q2auto, dist, hdist, timeline, export, export1 (default: all)")
    ap.add_argument("--warm", type=int, default=5)
    ap.add_argument("--reps", type=int, default=30)
    ap.add_argument("--heap", default="1g")
    ap.add_argument("--jvm-opts", default="", help="extra JVM options, e.g. a flight recording")
    ap.add_argument("--points", type=int, default=10000)
    ap.add_argument("--interval", type=int, default=10)
    ap.add_argument("--buckets", type=int, default=1000)
    ap.add_argument("--t0", type=int)
    ap.add_argument("--port", type=int, default=18888)
    ap.add_argument("--keep-alive", action="store_true",
                    help="all requests on one connection (the harness opens one per request, as here by default)")
    a = ap.parse_args()

    span = a.points * a.interval
    midnight = datetime.datetime.now(datetime.timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)
    t0 = a.t0 if a.t0 is not None else int(midnight.timestamp()) - span
    step = max(a.interval, round(span / a.buckets))  # as the harness's q_window
    window = "start_time=%d&end_time=%d" % ((t0 + step) * 1000, (t0 + span) * 1000)
    requests = {
        "q1": "/metrics/cpu_usage/data?host=h0&step=%ds&%s" % (step, window),
        "q2": "/metrics/cpu_usage/data?group_by=region&step=%ds&%s" % (step, window),
        "q3": "/metrics/http_request_duration_seconds/data?group_by=&step=%ds&%s" % (step, window),
        # what Meterline's own UI asks for one series: step=auto picks a step the minute rollups serve
        "q1auto": "/metrics/cpu_usage/data?host=h0&step=auto&max_points=%d&%s" % (a.buckets, window),
        "q2auto": "/metrics/cpu_usage/data?group_by=region&step=auto&max_points=%d&%s" % (a.buckets, window),
        # the UI's pie chart of an enum over all its points, a histogram's over all, an enum's state timeline
        "dist": "/metrics/service_state/distribution",
        "hdist": "/metrics/http_request_duration_seconds/distribution",
        "timeline": "/metrics/service_state/data?step=auto&max_points=%d&%s" % (a.buckets, window),
        "export": "/metrics/cpu_usage/data.csv?start_time=%d&end_time=%d" % ((t0 - 1) * 1000, (t0 + span + 1) * 1000),
        "export1": "/metrics/cpu_usage/data.csv?host=h0&start_time=%d&end_time=%d" % ((t0 - 1) * 1000,
                                                                                    (t0 + span + 1) * 1000),
    }

    try:  # a server left over from an earlier run would answer instead of this jar's, silently
        urllib.request.urlopen("http://127.0.0.1:%d/ready" % a.port, timeout=2)
        answered = True
    except urllib.error.HTTPError:
        answered = True
    except OSError:
        answered = False
    if answered:
        sys.exit("port %d already answers: stop the server left there first" % a.port)
    server = subprocess.Popen(["java", "-Xmx" + a.heap, *a.jvm_opts.split(), "-jar", a.jar, "--data-dir", a.data,
                               "--port", str(a.port), "--host", "127.0.0.1"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if a.keep_alive:
        connection = http.client.HTTPConnection("127.0.0.1", a.port, timeout=300)

        def get(path):
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                body = response.read()
            except (OSError, http.client.HTTPException) as e:
                connection.close()  # the next request connects anew (the server may not listen yet)
                raise OSError(str(e)) from e
            if response.status != 200:
                raise OSError("HTTP %d" % response.status)
            return body
    else:
        get = lambda path: urllib.request.urlopen("http://127.0.0.1:%d%s" % (a.port, path), timeout=300).read()
    try:
        for _ in range(600):
            try:
                get("/ready")
                break
            except OSError:
                time.sleep(0.5)
        if server.poll() is not None:
            sys.exit("the server exited at start (code %s)" % server.returncode)
        results = []
        for name, path in requests.items():
            if a.only and name != a.only:
                continue
            body = get(path)  # its digest shows whether two jars answer byte for byte the same
            for _ in range(a.warm):
                get(path)
            times = []
            cpu_before = server_cpu_ms(server.pid)
            for _ in range(a.reps):
                started = time.perf_counter()
                get(path)
                times.append((time.perf_counter() - started) * 1000)
            cpu_per_request = (server_cpu_ms(server.pid) - cpu_before) / a.reps
            results.append("%s median %.1f ms, min %.1f ms, server CPU %.1f ms/request (%d bytes, md5 %s)" % (
                name, statistics.median(times), min(times), cpu_per_request, len(body),
                hashlib.md5(body).hexdigest()[:12]))
        print(os.path.basename(a.jar) + ": " + "; ".join(results))
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(120)


def server_cpu_ms(pid):
    """The process's user + system CPU so far: steadier than latency on a 2-core machine, and it
    counts the read helpers, the JIT and GC threads too."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


if __name__ == "__main__":
    main()
