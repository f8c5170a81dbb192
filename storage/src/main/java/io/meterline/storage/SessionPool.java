package io.meterline.storage;

import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Query sessions (an execution context or a connection, each with its compiled or prepared
 * statements) lent to one thread at a time. A query takes the session returned last, or a new one
 * when all are busy, so as many exist as queries ever ran at once, and their statements stay warm
 * whichever server thread asks: a session per thread compiled every query again on each of the
 * HTTP server's many threads (a Q1 median of 12 ms where a warm one takes 5).
 */
final class SessionPool<S> {

    private final Supplier<S> open;
    private final Set<S> all = ConcurrentHashMap.newKeySet();
    private final Deque<S> idle = new ConcurrentLinkedDeque<>();

    SessionPool(Supplier<S> open) {
        this.open = open;
    }

    <T> T use(Function<S, T> work) {
        S session = idle.pollFirst();
        if (session == null) {
            session = open.get();
            all.add(session);
        }
        try {
            return work.apply(session);
        } finally {
            idle.addFirst(session);
        }
    }

    void closeAll(Consumer<S> close) {
        all.forEach(close);
        all.clear();
        idle.clear();
    }
}
