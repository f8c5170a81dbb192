package io.meterline.ingest.client.example;

import io.meterline.core.MetricDefinition;
import io.meterline.core.MetricType;
import io.meterline.ingest.client.MeterlineConfig;
import io.meterline.ingest.client.MeterlineMeterRegistry;
import io.meterline.ingest.client.MeterlineProducer;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;

/**
 * Pushes a gauge, an enum and a histogram with the Java client, and a counter and a timer through
 * the Micrometer registry, once a second for a while. Run it against a running Meterline (see
 * ingest/README.md) and open the UI: example_temperature, example_status, example_latency,
 * example_requests and example_work appear.
 *
 * <p>Arguments: [bootstrap servers, default 127.0.0.1:9092] [seconds, default 120]
 */
public final class PushExample {

    private PushExample() {
    }

    public static void main(String[] args) throws InterruptedException {
        String bootstrap = args.length > 0 ? args[0] : "127.0.0.1:9092";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 120;
        Properties kafka = new Properties();
        kafka.put("bootstrap.servers", bootstrap);

        Map<String, String> settings = Map.of("meterline.step", "5s", "meterline.bootstrapServers", bootstrap);
        MeterlineConfig config = settings::get;
        Random random = new Random();
        try (MeterlineProducer producer = new MeterlineProducer(kafka)) {
            MeterlineMeterRegistry registry = new MeterlineMeterRegistry(config, Clock.SYSTEM, producer);
            producer.define(new MetricDefinition("example_temperature", MetricType.GAUGE, List.of("room"),
                    Instant.now(), "room temperature", "celsius", null, null));
            producer.define(new MetricDefinition("example_status", MetricType.ENUM, List.of("service"),
                    Instant.now(), "", "", List.of("OK", "DEGRADED", "DOWN"), null));
            producer.define(new MetricDefinition("example_latency", MetricType.HISTOGRAM, List.of(),
                    Instant.now(), "", "ms", null, List.of(10.0, 100.0, Double.POSITIVE_INFINITY)));
            Counter requests = Counter.builder("example.requests").tag("route", "/home").register(registry);
            Timer work = Timer.builder("example.work").serviceLevelObjectives(Duration.ofMillis(10),
                    Duration.ofMillis(50), Duration.ofMillis(200)).register(registry);

            for (int s = 0; s < seconds; s++) {
                producer.gauge("example_temperature", Map.of("room", "kitchen"), 20 + 3 * Math.sin(s / 10.0));
                producer.state("example_status", Map.of("service", "api"), random.nextInt(10) == 0 ? "DEGRADED" : "OK");
                producer.histogram("example_latency", Map.of(), Map.of(10.0, (long) random.nextInt(50),
                        100.0, (long) random.nextInt(20), Double.POSITIVE_INFINITY, (long) random.nextInt(3)));
                requests.increment(1 + random.nextInt(5));
                work.record(Duration.ofMillis(random.nextInt(300)));
                producer.flush();
                System.out.println("pushed second " + (s + 1) + " of " + seconds);
                Thread.sleep(1_000);
            }
            registry.close();
        }
    }
}
