package io.meterline.storage;

import io.meterline.core.Labels;
import io.meterline.core.storage.Bucket;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A part after the first of a downsampled read cut in parts ({@link BucketAlignedParts}). A helper
 * thread may read it ahead into a bounded queue while the asking thread streams the parts before
 * it; when the asking thread gets to it, it takes the queued buckets in order, or, if no helper
 * has started the part, reads it itself straight into the answer. So a busy or closed pool never
 * leaves a request waiting, and a large answer holds at most the queue's worth of buckets.
 */
final class LaterPart {

    /** Buckets a helper may read ahead of the answer: a few MB; Q2 at 1,000 buckets needs 4,000. */
    static final int READ_AHEAD = 50_000;

    private static final int NOT_STARTED = 0;
    private static final int ON_HELPER = 1;
    private static final int ON_ASKER = 2;
    private static final long POLL_MILLIS = 50;

    /** Thrown into a helper's read to stop it once the answer is given up. */
    private static final class Abandoned extends RuntimeException {
        Abandoned() {
            super("the downsampled answer was given up", null, false, false);
        }
    }

    /** Queued after a part's last bucket (compared by identity). */
    private static final Bucket END = new Bucket.GaugeBucket(Labels.EMPTY, Instant.EPOCH, 0, 0, 0, 0, 0, Instant.EPOCH);

    private final Consumer<Consumer<Bucket>> read;
    private final AtomicInteger state = new AtomicInteger(NOT_STARTED);
    private final BlockingQueue<Bucket> queue;
    private volatile boolean finished;
    private volatile RuntimeException failure;
    private volatile boolean abandoned;

    /** {@code read} reads the part's buckets, in order, into the consumer it is given. */
    LaterPart(Consumer<Consumer<Bucket>> read) {
        this(read, READ_AHEAD);
    }

    LaterPart(Consumer<Consumer<Bucket>> read, int readAhead) {
        this.read = read;
        this.queue = new LinkedBlockingQueue<>(readAhead);
    }

    /** On a helper thread: reads the part into the queue, unless the asking thread took it already. */
    void readAhead() {
        if (!state.compareAndSet(NOT_STARTED, ON_HELPER)) {
            return;
        }
        try {
            try {
                read.accept(this::enqueue);
            } catch (RuntimeException e) {
                failure = e;
            } catch (Error e) {
                failure = new IllegalStateException("a part of a downsampled read failed", e);
            }
            if (!(failure instanceof Abandoned)) {
                enqueue(END); // wakes the asking thread at once
            }
        } catch (RuntimeException e) {
            // given up or interrupted while marking the end: `finished` tells the asking thread
        } finally {
            finished = true;
        }
    }

    /** On the asking thread, after the parts before this one: the part's buckets into {@code out}, in order. */
    void emitInto(Consumer<Bucket> out) {
        if (state.compareAndSet(NOT_STARTED, ON_ASKER)) {
            read.accept(out);
            return;
        }
        while (true) {
            Bucket bucket = poll();
            if (bucket == END) {
                if (failure != null) {
                    throw failure;
                }
                return;
            }
            if (bucket != null) {
                out.accept(bucket);
            } else if (finished && queue.isEmpty()) { // ended without its end mark (interrupted)
                throw failure != null ? failure
                        : new IllegalStateException("a part of a downsampled read stopped before its end");
            }
        }
    }

    /** The answer is given up (done, failed, or its client gone): a helper still reading stops at its next bucket. */
    void abandon() {
        abandoned = true;
        state.compareAndSet(NOT_STARTED, ON_ASKER); // and one not started never starts
        queue.clear();
    }

    private void enqueue(Bucket bucket) {
        try {
            do {
                if (abandoned) {
                    throw new Abandoned();
                }
            } while (!queue.offer(bucket, POLL_MILLIS, TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("a part of a downsampled read was interrupted", e);
        }
    }

    private Bucket poll() {
        try {
            return queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading a downsampled answer", e);
        }
    }
}
