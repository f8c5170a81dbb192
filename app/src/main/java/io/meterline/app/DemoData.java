package io.meterline.app;

import io.meterline.core.HistogramBuckets;
import io.meterline.core.Ingestion;
import io.meterline.core.Labels;
import io.meterline.core.MetricDefinition;
import io.meterline.core.MetricRegistry;
import io.meterline.core.MetricType;
import io.meterline.core.Point;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The old operations dashboard's sample set, sent through the real pipeline (Kafka, the stream,
 * storage) so a first run shows something worth looking at: 30 days of inventory counts (6 models
 * × 6 regions, hourly), shipment states (50–150 orders a day) and daily processing-time
 * histograms. Loaded once per data folder: skipped when {@code inventory_count} exists.
 */
final class DemoData {

    private static final String[][] MODELS = {{"iphone", "iPhone 12"}, {"iphone", "iPhone 15 Pro"},
            {"macbook", "MacBook Air M2"}, {"macbook", "MacBook Pro 14"}, {"ipad", "iPad Pro"}, {"ipad", "iPad Air"}};
    private static final List<String> REGIONS = List.of("US", "EU", "UK", "JP", "IN", "BR");
    private static final List<String> STATES = List.of("Pending", "Shipped", "In Transit", "Delivered", "Returned");
    private static final int DAYS = 30;
    private static final int BATCH = 10_000;

    private final Ingestion ingestion;
    private final MetricRegistry registry;
    private final Clock clock;
    private final Random random = new Random(2024);
    private final List<Point> pending = new ArrayList<>();
    private int published;

    DemoData(Ingestion ingestion, MetricRegistry registry, Clock clock) {
        this.ingestion = ingestion;
        this.registry = registry;
        this.clock = clock;
    }

    /** Returns the number of points published (0 when the sample set is already there). */
    int load() {
        if (registry.find("inventory_count").isPresent()) {
            return 0;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.HOURS);
        // start a little inside the raw retention, so every point is raw as well as rolled up
        Instant start = now.minus(DAYS, ChronoUnit.DAYS).plus(2, ChronoUnit.HOURS);
        define("inventory_count", MetricType.GAUGE, List.of("product_category", "product_model", "region"),
                "Units in stock", "items", null, null);
        define("shipment_status", MetricType.ENUM, List.of("order_id"), "Where each order is", "", STATES, null);
        define("processing_times", MetricType.HISTOGRAM, List.of(), "Order processing time", "s", null,
                List.of(10.0, 30.0, 60.0, 120.0, 300.0, 600.0, Double.POSITIVE_INFINITY));
        inventory(start, now);
        shipments(start, now);
        processingTimes(start, now);
        flush();
        return published;
    }

    private void define(String name, MetricType type, List<String> keys, String description, String unit,
                        List<String> states, List<Double> buckets) {
        try {
            ingestion.define(new MetricDefinition(name, type, keys, clock.instant(), description, unit, states, buckets));
        } catch (Ingestion.AlreadyExistsException alreadyThere) {
            // a metric of the same name was made by hand: keep it, add the points
        }
    }

    private void inventory(Instant start, Instant end) {
        for (String[] model : MODELS) {
            for (String region : REGIONS) {
                Labels labels = Labels.of(Map.of("product_category", model[0], "product_model", model[1], "region", region));
                double stock = 2_000 + random.nextInt(8_000);
                int hour = 0;
                for (Instant t = start; t.isBefore(end); t = t.plus(1, ChronoUnit.HOURS), hour++) {
                    // daily sales and a weekly restock, with noise
                    stock = Math.max(0, stock - random.nextInt(40) + (hour % 168 == 0 ? 3_000 : 0)
                            + 30 * Math.sin(hour * Math.PI / 12));
                    add(new Point.Gauge("inventory_count", labels, t, Math.round(stock)));
                }
            }
        }
    }

    private void shipments(Instant start, Instant end) {
        int order = 10_000;
        for (Instant day = start; day.isBefore(end); day = day.plus(1, ChronoUnit.DAYS)) {
            int orders = 50 + random.nextInt(101);
            for (int o = 0; o < orders; o++, order++) {
                Labels labels = Labels.of(Map.of("order_id", "ORD-" + order));
                Instant t = day.plusSeconds(random.nextInt(86_400));
                int last = random.nextInt(10) == 0 ? 4 : random.nextInt(4);
                for (int s = 0; s <= last && t.isBefore(end); s++) {
                    add(new Point.EnumSample("shipment_status", labels, t, STATES.get(s)));
                    t = t.plusSeconds(3_600 + random.nextInt(20 * 3_600));
                }
            }
        }
    }

    private void processingTimes(Instant start, Instant end) {
        for (Instant day = start; day.isBefore(end); day = day.plus(1, ChronoUnit.DAYS)) {
            long[] counts = {random.nextInt(20), 20 + random.nextInt(40), 40 + random.nextInt(60), 20 + random.nextInt(40),
                    5 + random.nextInt(20), random.nextInt(8), random.nextInt(3)};
            double[] bounds = {10, 30, 60, 120, 300, 600, Double.POSITIVE_INFINITY};
            Map<Double, Long> buckets = new java.util.TreeMap<>();
            double sum = 0;
            for (int b = 0; b < bounds.length; b++) {
                buckets.put(bounds[b], counts[b]);
                sum += counts[b] * (b == 0 ? 5 : b == bounds.length - 1 ? 900 : (bounds[b - 1] + bounds[b]) / 2);
            }
            add(new Point.Histogram("processing_times", Labels.EMPTY, day.plus(12, ChronoUnit.HOURS),
                    new HistogramBuckets(buckets), sum));
        }
    }

    private void add(Point point) {
        pending.add(point);
        if (pending.size() == BATCH) {
            flush();
        }
    }

    private void flush() {
        if (!pending.isEmpty()) {
            ingestion.publish(List.copyOf(pending));
            published += pending.size();
            pending.clear();
        }
    }
}
