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
 * the caller, so they are part of what is timed: that is this route's cost.
 */
final class ProducerRoute implements IngestRoute {

    private final String bootstrapServers;
    private final List<MeterlineProducer> producers = new ArrayList<>();
    private List<PeerWorkload.Batch> batches;

    ProducerRoute(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    @Override
    public String name() {
        return "producer";
    }

    @Override
    public void prepare(List<PeerWorkload.Batch> batches) {
        this.batches = batches;
    }

    @Override
    public Sender connect() {
        Properties kafka = new Properties();
        kafka.put("bootstrap.servers", bootstrapServers);
        MeterlineProducer producer = new MeterlineProducer(kafka);
        synchronized (producers) {
            producers.add(producer);
        }
        return new Sender() {
            @Override
            public void send(int index) {
                for (Point p : batches.get(index).points().get()) {
                    if (p instanceof Point.Gauge g) {
                        producer.gauge(g.metric(), g.labels().values(), g.value(), g.timestamp());
                    } else if (p instanceof Point.EnumSample e) {
                        producer.state(e.metric(), e.labels().values(), e.state(), e.timestamp());
                    } else if (p instanceof Point.Histogram h) {
                        producer.histogram(h.metric(), h.labels().values(), h.buckets().counts(), h.sum(), h.timestamp());
                    }
                }
                producer.flush();
            }

            @Override
            public void close() {
                producer.close();
            }
        };
    }
}
