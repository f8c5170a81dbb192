package io.meterline.ingest;

import io.meterline.bench.jmh.HotPathFixtures;
import io.meterline.core.Limits;
import io.meterline.core.Point;
import io.meterline.core.PointParser;
import io.meterline.ingest.client.PointRecordValue;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The stream's per-record work before storage: one Kafka record of 1,000 points of a series
 * (what the HTTP API and MeterlineProducer write) decoded and validated against the registry,
 * and the encoding the writers do. In this package to reach the stream's own decoder.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RecordDecodingBench {

    private PointRecordDecoder decoder;
    private List<Point> points;
    private byte[] record;

    @Setup
    public void setUp() {
        PointParser parser = new PointParser(Limits.DEFAULTS, Clock.fixed(Instant.parse("2026-11-20T00:00:00Z"),
                ZoneOffset.UTC));
        decoder = new PointRecordDecoder(HotPathFixtures.registry(), parser);
        points = HotPathFixtures.series(1_000);
        record = PointRecordValue.encodeInRecords(points).get(0);
    }

    /** Records (of 1,000 points) per second; × 1,000 for points. */
    @Benchmark
    public List<Point> decodeAndValidateRecordOf1000Points() {
        return decoder.decode(record, HotPathFixtures.T0);
    }

    @Benchmark
    public List<byte[]> encodeRecordOf1000Points() {
        return PointRecordValue.encodeInRecords(points);
    }
}
