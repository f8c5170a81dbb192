package io.meterline.bench.load;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Request latencies in HdrHistogram, in microseconds. With a pace (a time each request was due),
 * a request is timed from when it was due, not from when it was sent: a stall that holds the
 * sender back is counted in every request it delayed, which a closed loop leaves out
 * (coordinated omission). The service time (from the actual send) is kept beside it.
 */
final class RequestLatencies {

    private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(10);

    final Histogram service = new Histogram(MAX_MICROS, 3);
    /** From the time each request was due; empty in a closed loop, where no request has one. */
    final Histogram fromDue = new Histogram(MAX_MICROS, 3);

    void record(long dueNanos, long sentNanos, long doneNanos) {
        service.recordValue(Math.min(MAX_MICROS, (doneNanos - sentNanos) / 1000));
        if (dueNanos > 0) {
            fromDue.recordValue(Math.min(MAX_MICROS, (doneNanos - dueNanos) / 1000));
        }
    }

    synchronized void add(RequestLatencies other) {
        service.add(other.service);
        fromDue.add(other.fromDue);
    }

    static String percentiles(Histogram h) {
        if (h.getTotalCount() == 0) {
            return "–";
        }
        return String.format("%.1f / %.1f / %.1f / %.1f / %.1f", h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(90) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0);
    }
}
