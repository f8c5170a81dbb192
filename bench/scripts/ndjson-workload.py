"""The ingest scripts' workload: 200,000 gauge points (1,000 series x 200 timestamps, 10 s apart)
as 20 NDJSON files of 10,000 lines, b00.ndjson .. b19.ndjson, in the folder given."""
import json
import sys

t0 = 1795388400000  # 2026-11-22T23:00:00Z
for f in range(20):
    with open(f"{sys.argv[1]}/b{f:02d}.ndjson", "w") as out:
        for ts in range(f * 10, (f + 1) * 10):
            for s in range(1000):
                out.write(json.dumps({"metric": "ing", "labels": {"host": f"h{s:04d}", "region": f"r{s % 10}"},
                                      "value": s + ts * 0.5, "timestamp": t0 + ts * 10000}, separators=(",", ":")) + "\n")
