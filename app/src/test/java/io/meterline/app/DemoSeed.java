package io.meterline.app;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** A small version of the operations dashboard's sample set, sent through the real HTTP API. */
final class DemoSeed {

    static final int GAUGE_SERIES = 8;
    static final int GAUGE_POINTS_PER_SERIES = 72; // every 5 minutes over 6 hours
    static final int ORDERS = 12;
    static final List<String> STATES = List.of("Pending", "Shipped", "In Transit", "Delivered", "Returned");

    final Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    final Instant start = end.minus(Duration.ofHours(6));

    void load(Http http) {
        create(http, "{\"name\":\"inventory_count\",\"type\":\"gauge\",\"label_keys\":[\"product_category\","
                + "\"product_model\",\"region\"],\"unit\":\"items\",\"description\":\"Units in stock\"}");
        create(http, "{\"name\":\"shipment_status\",\"type\":\"enum\",\"label_keys\":[\"order_id\"],"
                + "\"states\":[\"Pending\",\"Shipped\",\"In Transit\",\"Delivered\",\"Returned\"]}");
        create(http, "{\"name\":\"processing_times\",\"type\":\"histogram\",\"label_keys\":[\"region\"],"
                + "\"buckets\":[10,30,60,120,300,600,\"+Inf\"],\"unit\":\"s\"}");
        StringBuilder nd = new StringBuilder();
        Random random = new Random(6);
        String[][] models = {{"iphone", "iPhone 12"}, {"iphone", "iPhone 15 Pro"}, {"macbook", "MacBook Air M2"},
                {"ipad", "iPad Pro"}};
        for (String[] m : models) {
            for (String region : List.of("US", "EU")) {
                int base = 8000 + random.nextInt(7000);
                for (int i = 0; i < GAUGE_POINTS_PER_SERIES; i++) {
                    double value = base + 2000 * Math.sin(i / 8.0) + random.nextInt(1000) - 500;
                    nd.append(String.format(Locale.ROOT, "{\"metric\":\"inventory_count\",\"labels\":{\"product_category\":"
                            + "\"%s\",\"product_model\":\"%s\",\"region\":\"%s\"},\"value\":%.1f,\"timestamp\":\"%s\"}%n",
                            m[0], m[1], region, value, at(i * 5L + 5)));
                }
            }
        }
        for (int o = 0; o < ORDERS; o++) {
            for (int k = 0; k < 4; k++) {
                String state = o == 5 && k == 3 ? "Returned" : STATES.get(k);
                nd.append(String.format(Locale.ROOT, "{\"metric\":\"shipment_status\",\"labels\":{\"order_id\":\"ORD-%d\"},"
                        + "\"value\":\"%s\",\"timestamp\":\"%s\"}%n", 1000 + o, state, at(o * 20L + k * 45L + 3)));
            }
        }
        for (int i = 0; i < 36; i++) {
            for (String region : List.of("US", "EU")) {
                nd.append(String.format(Locale.ROOT, "{\"metric\":\"processing_times\",\"labels\":{\"region\":\"%s\"},"
                        + "\"buckets\":{\"10\":%d,\"30\":%d,\"60\":%d,\"120\":%d,\"300\":%d,\"600\":%d,\"+Inf\":%d},"
                        + "\"value\":%d,\"timestamp\":\"%s\"}%n", region, random.nextInt(5), 5 + random.nextInt(15),
                        10 + random.nextInt(30), 5 + random.nextInt(20), random.nextInt(10), random.nextInt(4),
                        random.nextInt(2), 1000 + random.nextInt(4000), at(i * 10L + 4)));
            }
        }
        Http.Response r = http.post("/data", nd.toString(), "application/x-ndjson");
        if (r.status() != 201) {
            throw new AssertionError("seeding failed: " + r.body());
        }
    }

    /** Minutes after the start of the seeded six hours. */
    String at(long minutes) {
        return start.plus(Duration.ofMinutes(minutes)).toString();
    }

    private static void create(Http http, String definition) {
        Http.Response r = http.post("/metrics", definition);
        if (r.status() != 201) {
            throw new AssertionError("creating a metric failed: " + r.body());
        }
    }
}
