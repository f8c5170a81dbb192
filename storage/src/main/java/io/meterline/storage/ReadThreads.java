package io.meterline.storage;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads that read parts of a large downsampled read beside the thread that asked, one per core
 * besides it: a read of millions of rows is bound by one core's speed, and the others are idle
 * while it runs. Daemon threads; {@link #close()} stops them.
 */
final class ReadThreads implements AutoCloseable {

    private final int parts;
    private final ExecutorService helpers;

    /** {@code parts} threads in all, counting the asking one; 1 reads everything on the asking thread. */
    ReadThreads(int parts) {
        this.parts = Math.max(1, parts);
        AtomicInteger number = new AtomicInteger();
        this.helpers = this.parts == 1 ? null : Executors.newFixedThreadPool(this.parts - 1, r -> {
            Thread t = new Thread(r, "meterline-read-" + number.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** How many parts a read may be cut into. */
    int parts() {
        return parts;
    }

    /**
     * Runs the task on a helper when one is free soon; a task never run (the pool closed, or
     * still queued when it closes) is one the asking thread runs itself ({@link LaterPart}).
     */
    void execute(Runnable task) {
        try {
            helpers.execute(task);
        } catch (RejectedExecutionException e) {
            // closed: the asking thread reads the part itself
        }
    }

    @Override
    public void close() {
        if (helpers != null) {
            helpers.shutdownNow();
        }
    }
}
