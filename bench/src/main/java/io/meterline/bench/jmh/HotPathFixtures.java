package io.meterline.bench.jmh;

import io.meterline.core.Labels;
import io.meterline.core.MetricDefinition;
import io.meterline.core.MetricRegistry;
import io.meterline.core.MetricType;
import io.meterline.core.Point;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The data every hot-path benchmark works on: the peers' workload shape (gauge, two labels, 10 s spacing). */
public final class HotPathFixtures {

    public static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    public static final MetricDefinition CPU = new MetricDefinition("cpu", MetricType.GAUGE, List.of("host", "region"),
            T0, "", "", null, null);

    private HotPathFixtures() {
    }

    /** {@code count} points of one series, 10 s apart. */
    public static List<Point> series(int count) {
        Labels labels = Labels.of(Map.of("host", "host-0042", "region", "eu-west"));
        List<Point> points = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            points.add(new Point.Gauge("cpu", labels, T0.plusSeconds(10L * i), 40 + (i * 7919 % 600) / 10.0));
        }
        return points;
    }

    public static MetricRegistry registry() {
        return MetricRegistry.of(CPU);
    }
}
