package io.meterline.bench.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Who sends which batch when, as the harness's {@code send_all}: batches of shard k go in order over
 * connection k % connections, each connection waiting for its batch's acknowledgement, and none
 * more than {@code maxSkewSeconds} of data ahead of the slowest. Paced, every connection spreads its
 * own points over the same span (total points / rate), so all of them end together and the
 * offered rate is the one asked for, whatever each connection's share.
 */
final class BatchSchedule {

    private final List<PeerWorkload.Batch> batches;
    private final List<List<Integer>> queues = new ArrayList<>();
    private final LoadOptions options;
    private final long[] current; // first timestamp of the batch each connection is on
    private final Object skew = new Object();

    BatchSchedule(List<PeerWorkload.Batch> batches, LoadOptions options) {
        this.batches = batches;
        this.options = options;
        for (int c = 0; c < options.connections(); c++) {
            queues.add(new ArrayList<>());
        }
        for (int i = 0; i < batches.size(); i++) {
            queues.get(batches.get(i).shard() % options.connections()).add(i);
        }
        current = new long[options.connections()];
        Arrays.fill(current, Long.MAX_VALUE);
        for (int c = 0; c < current.length; c++) {
            if (!queues.get(c).isEmpty()) {
                current[c] = batches.get(queues.get(c).get(0)).firstTimestampMs();
            }
        }
    }

    /** Sends every batch, one sender per connection (made before {@code t0}), and returns their latencies. */
    BatchLatencies send(List<IngestRoute.Sender> senders, long t0) throws Exception {
        long totalPoints = batches.stream().mapToLong(PeerWorkload.Batch::harnessPoints).sum();
        double spanNanos = options.paced() ? 1e9 * totalPoints / options.rate() : 0;
        BatchLatencies all = new BatchLatencies();
        ExecutorService pool = Executors.newFixedThreadPool(senders.size());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < senders.size(); c++) {
                int connection = c;
                done.add(pool.submit(() -> {
                    all.add(sendQueue(connection, senders.get(connection), t0, spanNanos));
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return all;
    }

    private BatchLatencies sendQueue(int connection, IngestRoute.Sender sender, long t0, double spanNanos)
            throws Exception {
        List<Integer> queue = queues.get(connection);
        long queuePoints = queue.stream().mapToLong(i -> batches.get(i).harnessPoints()).sum();
        BatchLatencies mine = new BatchLatencies();
        long pointsBefore = 0;
        try (sender) {
            for (int index : queue) {
                PeerWorkload.Batch batch = batches.get(index);
                awaitSlowest(connection, batch.firstTimestampMs());
                long due = t0 + (long) (spanNanos * pointsBefore / Math.max(1, queuePoints));
                if (options.paced()) {
                    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
                long sent = System.nanoTime();
                sender.send(index);
                if (options.paced()) {
                    mine.record(due, sent, System.nanoTime());
                } else {
                    mine.record(sent, System.nanoTime());
                }
                pointsBefore += batch.harnessPoints();
            }
        } finally {
            synchronized (skew) {
                current[connection] = Long.MAX_VALUE;
                skew.notifyAll();
            }
        }
        return mine;
    }

    private void awaitSlowest(int connection, long firstTimestampMs) throws InterruptedException {
        if (options.maxSkewSeconds() == 0) {
            return;
        }
        synchronized (skew) {
            current[connection] = firstTimestampMs;
            skew.notifyAll();
            while (firstTimestampMs - Arrays.stream(current).min().orElse(Long.MAX_VALUE) > options.maxSkewSeconds() * 1000L) {
                skew.wait(1000);
            }
        }
    }
}
