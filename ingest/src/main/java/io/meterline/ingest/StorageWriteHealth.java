package io.meterline.ingest;

import io.meterline.core.ComponentHealth;
import java.time.Clock;
import java.time.Instant;

/**
 * Whether the stream can write to storage, as {@code /ready} shows it. Reads may work while
 * writes fail (a full disk); then points wait in Kafka, unacknowledged by the stream, and this
 * says why until a storage commit succeeds again.
 */
public final class StorageWriteHealth {

    static final String COMPONENT = "storage-writes";

    private record Failure(Instant since, String reason) {
    }

    private final Clock clock;
    private volatile Failure failure;

    public StorageWriteHealth(Clock clock) {
        this.clock = clock;
    }

    void failed(RuntimeException e) {
        Failure current = failure;
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        failure = new Failure(current == null ? clock.instant() : current.since(), reason);
    }

    void committed() {
        failure = null;
    }

    public boolean failing() {
        return failure != null;
    }

    public ComponentHealth check() {
        Failure f = failure;
        return f == null ? ComponentHealth.up(COMPONENT) : ComponentHealth.down(COMPONENT,
                "the stream cannot write to storage since " + f.since() + " (" + f.reason()
                        + "); points wait in Kafka and are stored once it can");
    }
}
