package io.meterline.api;

import io.meterline.bench.jmh.HotPathFixtures;
import io.meterline.core.Point;
import java.io.IOException;
import java.io.OutputStream;
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
 * CSV export's per-row work: 10,000 gauge points written as rows through Jackson CSV (quoting,
 * formula neutralising, timestamp formatting) into a sink. In this package to reach the export's
 * own layout and writer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CsvRowWritingBench {

    private List<Point> points;
    private RawCsvLayout layout;

    @Setup
    public void setUp() {
        points = HotPathFixtures.series(10_000);
        layout = new RawCsvLayout(HotPathFixtures.CPU, List.of());
    }

    /** Batches (of 10,000 rows) per second; × 10,000 for rows. */
    @Benchmark
    public long write10000Rows() throws IOException {
        CountingSink sink = new CountingSink();
        try (CsvRowWriter out = new CsvRowWriter(sink)) {
            out.header(layout.header());
            for (Point p : points) {
                layout.write(out, p);
            }
        }
        return sink.bytes;
    }

    private static final class CountingSink extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
