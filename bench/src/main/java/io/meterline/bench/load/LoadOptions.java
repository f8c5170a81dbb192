package io.meterline.bench.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The load generator's command line, with the shared harness's sizes as defaults.
 *
 * @param rate          points/s over all connections; 0: each connection as fast as acknowledged
 * @param maxSkewSeconds as the harness: a connection waits before a batch whose first timestamp is
 *                      this far ahead of the slowest connection's (0: never)
 */
record LoadOptions(List<String> routes, int series, int points, int connections, int batchPoints, long rate,
                   int maxSkewSeconds, Path jar, String heap, int port, Path workDir, int settleSeconds,
                   int queryReps, int exportReps) {

    private static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("routes", "ndjson,batch,producer");
        d.put("series", "1000");
        d.put("points", "10000");
        d.put("connections", "4");
        d.put("batch-points", "10000");
        d.put("rate", "0");
        d.put("max-skew-s", "1800");
        d.put("jar", "app/target/meterline.jar");
        d.put("heap", "512m");
        d.put("port", "18490");
        d.put("work-dir", "/tmp/meterline-load");
        d.put("settle-s", "10");
        d.put("query-reps", "10");
        d.put("export-reps", "3");
        return d;
    }

    static String usage() {
        StringBuilder u = new StringBuilder("usage: LoadGenerator");
        DEFAULTS.forEach((k, v) -> u.append(" [--").append(k).append(' ').append(v).append(']'));
        return u.toString();
    }

    /** The options, or every problem with them at once. */
    static LoadOptions parse(String[] args) {
        Map<String, String> given = new LinkedHashMap<>(DEFAULTS);
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < args.length; i += 2) {
            String key = args[i].replaceFirst("^--", "");
            if (!DEFAULTS.containsKey(key)) {
                problems.add("unknown option " + args[i]);
            } else if (i + 1 >= args.length) {
                problems.add(args[i] + " needs a value");
            } else {
                given.put(key, args[i + 1]);
            }
        }
        Numbers n = new Numbers(given, problems);
        List<String> routes = List.of(given.get("routes").split(","));
        for (String route : routes) {
            if (!List.of("ndjson", "batch", "producer").contains(route)) {
                problems.add("unknown route " + route + " (ndjson, batch, producer)");
            }
        }
        LoadOptions options = new LoadOptions(routes, n.positive("series"), n.positive("points"), n.positive("connections"),
                n.positive("batch-points"), n.atLeastZero("rate"), (int) n.atLeastZero("max-skew-s"),
                Path.of(given.get("jar")), given.get("heap"), n.positive("port"), Path.of(given.get("work-dir")),
                (int) n.atLeastZero("settle-s"), n.positive("query-reps"), n.positive("export-reps"));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems) + "\n" + usage());
        }
        return options;
    }

    boolean paced() {
        return rate > 0;
    }

    /** Reads numbers, noting each one that isn't what it should be. */
    private record Numbers(Map<String, String> given, List<String> problems) {

        int positive(String key) {
            long v = atLeastZero(key);
            if (v == 0 || v > Integer.MAX_VALUE) {
                problems.add("--" + key + " must be a whole number from 1 to " + Integer.MAX_VALUE);
                return 1;
            }
            return (int) v;
        }

        long atLeastZero(String key) {
            try {
                long v = Long.parseLong(given.get(key));
                if (v >= 0) {
                    return v;
                }
            } catch (NumberFormatException ignored) {
                // noted below
            }
            problems.add("--" + key + " must be a whole number of at least 0, not '" + given.get(key) + "'");
            return 0;
        }
    }
}
