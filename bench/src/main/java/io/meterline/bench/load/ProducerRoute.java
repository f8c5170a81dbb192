package io.meterline.bench.load;

import io.meterline.core.Point;
import io.meterline.ingest.client.MeterlineProducer;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Straight onto Kafka through {@link MeterlineProducer}: each connection is a producer of its own,
 * a batch is its points added one call at a time, then {@link MeterlineProducer#flush()}, which
 * returns once Kafka acknowledged them. The calls validate every point against the registry in
 * the caller, so they are timed: that is this route's own cost. The points themselves are made
 * before the clock starts, as the HTTP routes' bodies are.
 */
final class ProducerRoute implements IngestRoute {

    private final String bootstrapServers;
    private List<List<Point>> points;

    ProducerRoute(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    @Override
    public void prepare(List<PeerWorkload.Batch> batches) {
        points = new ArrayList<>(batches.size());
        for (PeerWorkload.Batch batch : batches) {
            points.add(batch.points().get());
        }
    }

    @Override
    public Sender connect() {
        Properties kafka = new Properties();
        kafka.put("bootstrap.servers", bootstrapServers);
        MeterlineProducer producer = new MeterlineProducer(kafka);
        return new Sender() {
            @Override
            public void send(int index) {
                for (Point p : points.get(index)) {
                    add(producer, p);
                }
                producer.flush();
            }

            @Override
            public void close() {
                producer.close();
            }
        };
    }

    private static void add(MeterlineProducer producer, Point p) {
        if (p instanceof Point.Gauge g) {
            producer.gauge(g.metric(), g.labels().values(), g.value(), g.timestamp());
        } else if (p instanceof Point.EnumSample e) {
            producer.state(e.metric(), e.labels().values(), e.state(), e.timestamp());
        } else if (p instanceof Point.Histogram h) {
            producer.histogram(h.metric(), h.labels().values(), h.buckets().counts(), h.sum(), h.timestamp());
        } else {
            throw new IllegalArgumentException("no producer call for " + p.getClass().getSimpleName());
        }
    }
}
