package io.meterline.ingest;

import io.meterline.core.InvalidInputException;
import io.meterline.core.Point;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Decodes each record; valid points go to storage, the rest untouched to the dead-letter topic. */
final class PointRecordProcessor implements Processor<byte[], byte[], byte[], byte[]> {

    static final String REASON_HEADER = "meterline.dlq.reason";

    private final PointRecordDecoder decoder;
    private final IngestMeters meters;
    private ProcessorContext<byte[], byte[]> context;
    private StorageSinkStore sink;

    PointRecordProcessor(PointRecordDecoder decoder, IngestMeters meters) {
        this.decoder = decoder;
        this.meters = meters;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.sink = context.getStateStore(StorageSinkStore.NAME);
        context.schedule(MetricsTopology.STORAGE_COMMIT_INTERVAL, PunctuationType.WALL_CLOCK_TIME, sink::commitOnTick);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        List<Point> points;
        try {
            points = decoder.decode(record.value(), Instant.ofEpochMilli(record.timestamp()));
        } catch (InvalidInputException e) {
            toDeadLetters(record, e.getMessage());
            return;
        } catch (RuntimeException e) {
            // a record that breaks the decoder in a way nobody foresaw must not stop the stream
            toDeadLetters(record, "the record could not be decoded: " + e);
            return;
        }
        for (Point p : points) {
            sink.write(p);
        }
    }

    private void toDeadLetters(Record<byte[], byte[]> record, String reason) {
        Record<byte[], byte[]> dead = record.withHeaders(record.headers());
        dead.headers().add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        context.forward(dead, MetricsTopology.DEAD_LETTER_SINK);
        meters.deadLetters().increment();
    }
}
