package io.meterline.bench.load;

import java.util.List;

/**
 * One way into Meterline for the load generator's batches: the NDJSON route, the JSON batch route
 * or {@link io.meterline.ingest.client.MeterlineProducer}. Whatever a route can prepare (request
 * bodies) it prepares before the clock starts, as the shared harness does.
 */
interface IngestRoute extends AutoCloseable {

    /** Called once, before any send: the batches the senders will ask for, by index. */
    void prepare(List<PeerWorkload.Batch> batches) throws Exception;

    /** One connection's sender; each of the load generator's connections has its own. */
    Sender connect() throws Exception;

    interface Sender extends AutoCloseable {
        /** Sends batch {@code index} and returns once Meterline acknowledged it (HTTP 201, Kafka acks=all). */
        void send(int index) throws Exception;

        @Override
        default void close() throws Exception {
        }
    }

    @Override
    default void close() throws Exception {
    }
}
