package io.meterline.bench;

import io.meterline.storage.QuestDbMetricStore;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Loads the gauge workload into a Meterline data folder's storage directly (minutes faster than
 * through HTTP and Kafka), for export and query benchmarks of a server started on that folder.
 * Define the metric first through the running server ({@code cpu_usage}, labels host and region),
 * stop it, load, start it again.
 *
 * <pre>java -cp bench/target/classes:$(cat bench/target/cp.txt) io.meterline.bench.BulkLoad ./data 1000 10000</pre>
 */
public final class BulkLoad {

    private BulkLoad() {
    }

    public static void main(String[] args) {
        Path dataDir = Path.of(args.length > 0 ? args[0] : "./data");
        int series = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int points = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        Instant end = Instant.now().truncatedTo(ChronoUnit.DAYS);
        try (QuestDbMetricStore store = new QuestDbMetricStore(dataDir.resolve("questdb"))) {
            long t0 = System.nanoTime();
            GaugeWorkload.load(store, series, points, end.minusSeconds(10L * points));
            store.awaitApplied();
            System.out.printf("loaded %,d points in %.1f s%n", (long) series * points, (System.nanoTime() - t0) / 1e9);
        }
    }
}
