package io.meterline.bench.jmh;

import io.meterline.core.HistogramBuckets;
import io.meterline.core.HistogramSum;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Decoding stored histogram rows, as a histogram read does for every raw row (Q3: 50,000 rows of
 * the harness's twelve bounds). Each text is copied into one reused array first, with room past
 * its end, as storage hands rows over ({@code VarcharBytes}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HistogramDecodingBench {

    private static final String[] BOUNDS = {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5",
        "10", "+Inf"};

    /** Rows in the older {@code bound:count;…} form, and the same rows as storage now writes them. */
    private byte[][] rows;
    private byte[][] fixedWidthRows;
    private final byte[] row = new byte[4096];

    @Setup
    public void setUp() {
        Random random = new Random(42);
        rows = new byte[10_000][];
        fixedWidthRows = new byte[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            StringBuilder text = new StringBuilder();
            for (String bound : BOUNDS) {
                text.append(text.length() == 0 ? "" : ";").append(bound).append(':').append(random.nextInt(3_000));
            }
            rows[i] = text.toString().getBytes(StandardCharsets.UTF_8);
            fixedWidthRows[i] = HistogramBuckets.decode(text.toString()).encode().getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Batches of 10,000 rows per second; × 10,000 for rows. */
    @Benchmark
    public long decode10000Rows() {
        return decodeAll(rows);
    }

    /** The same rows in the fixed-width form storage writes since session 13. */
    @Benchmark
    public long decode10000FixedWidthRows() {
        return decodeAll(fixedWidthRows);
    }

    /** The same rows added into one running sum, as a histogram read adds them (no decoded copy per row). */
    @Benchmark
    public long addStored10000FixedWidthRows() {
        HistogramSum sum = new HistogramSum();
        long total = 0;
        for (byte[] text : fixedWidthRows) {
            System.arraycopy(text, 0, row, 0, text.length);
            Arrays.fill(row, text.length, text.length + 8, (byte) 0);
            total += sum.addStored(row, text.length);
        }
        return total + sum.take().counts().size();
    }

    private long decodeAll(byte[][] texts) {
        long total = 0;
        for (byte[] text : texts) {
            System.arraycopy(text, 0, row, 0, text.length);
            Arrays.fill(row, text.length, text.length + 8, (byte) 0);
            total += HistogramBuckets.decode(row, text.length).total();
        }
        return total;
    }
}
