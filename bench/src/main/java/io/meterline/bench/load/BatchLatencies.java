package io.meterline.bench.load;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Batch latencies in HdrHistogram, in microseconds: until a batch is acknowledged (one HTTP
 * request, or one per metric on the JSON batch route, or the producer's calls and its flush).
 * With a pace, each batch is also timed from when it was due, not from when it was sent: a stall
 * that holds the sender back is then counted in every batch it delayed, which a closed loop leaves
 * out (coordinated omission).
 */
final class BatchLatencies {

    private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(10);

    final Histogram service = new Histogram(MAX_MICROS, 3);
    /** From the time each batch was due; empty in a closed loop, where no batch has one. */
    final Histogram fromDue = new Histogram(MAX_MICROS, 3);

    void record(long sentNanos, long doneNanos) {
        service.recordValue(Math.min(MAX_MICROS, (doneNanos - sentNanos) / 1000));
    }

    void record(long dueNanos, long sentNanos, long doneNanos) {
        record(sentNanos, doneNanos);
        fromDue.recordValue(Math.min(MAX_MICROS, (doneNanos - dueNanos) / 1000));
    }

    synchronized void add(BatchLatencies other) {
        service.add(other.service);
        fromDue.add(other.fromDue);
    }

    /** p50 / p90 / p99 / p99.9 / max in milliseconds. */
    static String percentiles(Histogram h) {
        if (h.getTotalCount() == 0) {
            return "–";
        }
        return String.format("%.1f / %.1f / %.1f / %.1f / %.1f", h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(90) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0);
    }
}
