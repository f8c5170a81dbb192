package io.meterline.bench;

import io.meterline.core.Labels;
import io.meterline.core.Point;
import io.meterline.core.storage.MetricStore;
import io.meterline.core.storage.PointWriter;
import java.time.Instant;
import java.util.Map;
import java.util.Random;

/**
 * The peers' gauge workload shape written straight into a store, the way the stream writes it
 * (commit, then rollups, every 500k points): {@code cpu_usage{host, region}}, a random walk in
 * [0, 100] with two decimals, 10 s apart.
 */
final class GaugeWorkload {

    private static final String[] REGIONS = {"us-east", "us-west", "eu-west", "ap-south"};

    private GaugeWorkload() {
    }

    static void load(MetricStore store, int series, int points, Instant start) {
        Random random = new Random(42);
        double[] value = new double[series];
        for (int s = 0; s < series; s++) {
            value[s] = 5 + random.nextDouble() * 90;
        }
        Labels[] labels = new Labels[series];
        for (int s = 0; s < series; s++) {
            labels[s] = Labels.of(Map.of("host", "h" + s, "region", REGIONS[s % 4]));
        }
        try (PointWriter writer = store.openWriter()) {
            long written = 0;
            for (int j = 0; j < points; j++) {
                Instant ts = start.plusSeconds(10L * j);
                for (int s = 0; s < series; s++) {
                    value[s] = Math.abs(value[s] + random.nextDouble() * 3 - 1.5);
                    writer.write(new Point.Gauge("cpu_usage", labels[s], ts, Math.round(value[s] * 100) / 100.0));
                    if (++written % 500_000 == 0) {
                        writer.commit();
                        writer.commitRollups();
                    }
                }
            }
            writer.commit();
            writer.commitRollups();
        }
    }

}
