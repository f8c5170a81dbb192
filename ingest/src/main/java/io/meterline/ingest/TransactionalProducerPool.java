package io.meterline.ingest;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A few transactional producers, each used by one request at a time: a batch goes into Kafka in
 * one transaction, so a batch is visible to the stream whole or not at all. Transactional ids are
 * stable per instance and slot, so after a crash the next start aborts what was left open
 * instead of the stream waiting for the transaction timeout.
 */
final class TransactionalProducerPool implements AutoCloseable {

    private final BlockingQueue<Integer> freeSlots;
    private final Producer<byte[], byte[]>[] producers;
    private final Function<Integer, Producer<byte[], byte[]>> factory;
    private final Duration borrowTimeout;

    @SuppressWarnings("unchecked")
    TransactionalProducerPool(int size, Function<Integer, Producer<byte[], byte[]>> factory, Duration borrowTimeout) {
        this.freeSlots = new ArrayBlockingQueue<>(size);
        this.producers = new Producer[size];
        this.factory = factory;
        this.borrowTimeout = borrowTimeout;
        for (int i = 0; i < size; i++) {
            freeSlots.add(i);
        }
    }

    /** The production factory: acks=all, idempotent, short timeouts so a request never hangs long. */
    static Function<Integer, Producer<byte[], byte[]>> kafkaFactory(Properties clientProperties, String transactionalIdPrefix) {
        return slot -> {
            Properties props = new Properties();
            props.putAll(clientProperties);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalIdPrefix + "-" + slot);
            props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "10000");
            props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, "3000");
            props.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
            props.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "5000");
            props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "0");
            props.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
            props.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
            props.put(ProducerConfig.CLIENT_ID_CONFIG, transactionalIdPrefix + "-" + slot);
            KafkaProducer<byte[], byte[]> producer =
                    new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
            try {
                producer.initTransactions();
            } catch (RuntimeException e) {
                producer.close(Duration.ZERO);
                throw e;
            }
            return producer;
        };
    }

    interface Work<T> {
        T run(Producer<byte[], byte[]> producer) throws Exception;
    }

    /**
     * Runs {@code work} inside one transaction of a free producer. A producer that failed is closed
     * and replaced on next use (a failed transactional producer is not reliably reusable).
     */
    <T> T inTransaction(Work<T> work) throws Exception {
        Integer slot = freeSlots.poll(borrowTimeout.toMillis(), TimeUnit.MILLISECONDS);
        if (slot == null) {
            throw new org.apache.kafka.common.errors.TimeoutException("no producer free within " + borrowTimeout);
        }
        try {
            if (producers[slot] == null) {
                producers[slot] = factory.apply(slot);
            }
            Producer<byte[], byte[]> producer = producers[slot];
            try {
                producer.beginTransaction();
                T result = work.run(producer);
                producer.commitTransaction();
                return result;
            } catch (Exception e) {
                producers[slot] = null;
                producer.close(Duration.ZERO);
                throw e;
            }
        } finally {
            freeSlots.add(slot);
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < producers.length; i++) {
            if (producers[i] != null) {
                producers[i].close(Duration.ofSeconds(5));
                producers[i] = null;
            }
        }
    }
}
